package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.chancery.testkit.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audit's pages in a real browser (Debian's Chromium, headless), for notices that went
 * through the running system: what a person sees is what happened. Screenshots are kept in
 * {@code target/screenshots}.
 */
@ExtendWith(RunningSystem.class)
class AuditPageIT {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = HeadlessChromium.open();
        signIn();
    }

    /** As a user does: open the link with an auditor's token that make run prints. */
    static void signIn() {
        browser.get(Notices.audit() + "/#token=" + RunningSystem.stack().tokens().auditor(java.time.Duration.ofHours(2)));
    }

    @Test
    void withoutATokenThePagesSayHowToSignIn() {
        // The token is the tab's: in session storage, never in local storage.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.get(Notices.audit() + "/");
        assertEquals(0L, js.executeScript("return localStorage.length"));
        assertNotNull(js.executeScript("return sessionStorage.getItem('chancery.auditor-token')"));
        js.executeScript("sessionStorage.clear()");
        try {
            browser.get(Notices.audit() + "/");
            waiting().until(d -> d.findElement(By.cssSelector("#notices tbody")).getText().contains("auditor's token"));
        } finally {
            signIn();
        }
        browser.get(Notices.audit() + "/");
        waiting().until(d -> !d.findElement(By.cssSelector("#notices tbody")).getText().contains("auditor's token"));
    }

    @Test
    void thePagesForbidInlineScriptsAndForeignSources() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String page : List.of("/", "/index.html", "/notice.html", "/circular.html")) {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(Notices.audit() + page)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), page);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
                    && policy.contains("style-src 'self'") && !policy.contains("unsafe"), page + ": " + policy);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), page);
            assertTrue(!response.body().matches("(?s).*<script>.*") && !response.body().contains("style="),
                    page + " carries inline script or style");
        }
    }

    @Test
    void longPartyNamesStayInsideTheirLanesAtTwoWidths() throws Exception {
        String id = Notices.accepted("USA", "PRK", "NOTE_VERBALE", "PRIORITY");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        JsonPath path = Notices.awaitVerifiedPath(id);
        try {
            for (int width : List.of(1500, 760)) {
                browser.manage().window().setSize(new Dimension(width, 1100));
                browser.get(Notices.audit() + "/notice.html?id=" + id);
                waiting().until(d -> hops().size() == path.getList("hops").size());
                List<String> lanes = browser.findElements(By.cssSelector("#diagram svg g.lane")).stream()
                        .map(e -> e.getDomAttribute("data-label")).toList();
                assertTrue(lanes.stream().anyMatch(l -> l.contains("Democratic People's Republic of Korea")),
                        lanes::toString);
                // Each lane's lines inside its box, and no two lanes' lines meeting, as the browser laid them out.
                Object problems = ((JavascriptExecutor) browser).executeScript("""
                        const problems = [];
                        const boxes = [];
                        for (const lane of document.querySelectorAll('#diagram svg g.lane')) {
                          const box = lane.querySelector('rect.lane-box').getBBox();
                          for (const t of lane.querySelectorAll('text')) {
                            const b = t.getBBox();
                            if (b.x < box.x || b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height)
                              problems.push(lane.dataset.label + ': "' + t.textContent + '" leaves its lane');
                            boxes.push({label: lane.dataset.label, b});
                          }
                          if (lane.querySelector('title').textContent !== lane.dataset.label)
                            problems.push(lane.dataset.label + ': the full name is not on hover');
                        }
                        for (const a of boxes) for (const c of boxes)
                          if (a.label !== c.label && a.b.x < c.b.x + c.b.width && c.b.x < a.b.x + a.b.width
                              && a.b.y < c.b.y + c.b.height && c.b.y < a.b.y + a.b.height)
                            problems.push(a.label + ' runs into ' + c.label);
                        return problems;""");
                assertEquals(List.of(), problems, "at " + width + " px");
                screenshot("protecting-power-path-" + width);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1500, 1100));
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<WebElement> hops() {
        return browser.findElements(By.cssSelector("#diagram svg g.hop"));
    }

    @Test
    void thePathOfAReroutedNoticeIsDrawnWithItsFailedAttemptAndVerdict() throws Exception {
        String id = Hotlines.noticeWhoseLineGoesDownOnTheWay("US-RU-EUCOM-NDMC");
        try {
            Notices.awaitStatus(id, "ACKNOWLEDGED");
        } finally {
            Hotlines.declare("US-RU-EUCOM-NDMC", "UP", "repaired");
        }
        JsonPath path = Notices.awaitVerifiedPath(id);

        browser.get(Notices.audit() + "/notice.html?id=" + id);
        waiting().until(d -> hops().size() == path.getList("hops").size());

        List<String> lanes = browser.findElements(By.cssSelector("#diagram svg g.lane")).stream()
                .map(e -> e.getDomAttribute("data-label")).toList();
        assertTrue(lanes.stream().anyMatch(l -> l.contains("Ministry of Foreign Affairs") && l.contains("United States")),
                lanes::toString);
        assertTrue(lanes.stream().anyMatch(l -> l.contains("US-RU-EUCOM-NDMC")), lanes::toString);
        assertTrue(lanes.stream().anyMatch(l -> l.contains("US-RU-MILMIL-HIGH")), lanes::toString);
        assertTrue(lanes.stream().anyMatch(l -> l.contains("Russian Federation")), lanes::toString);

        List<WebElement> failed = browser.findElements(By.cssSelector("#diagram svg g.hop.failed"));
        assertEquals(1, failed.size());
        assertEquals("chancery.notice.failed", failed.get(0).getAttribute("data-type"));
        assertTrue(failed.get(0).getDomProperty("textContent").contains("cannot deliver"), failed.get(0).getDomProperty("textContent"));
        assertTrue(failed.get(0).getDomProperty("textContent").contains("is down: cable cut"), failed.get(0).getDomProperty("textContent"));
        assertEquals(List.of("chancery.notice.dispatched", "chancery.notice.delivered", "chancery.notice.acknowledged",
                "chancery.receipt.delivered", "chancery.receipt.recorded"),
                browser.findElements(By.cssSelector("#diagram svg g.hop[data-attempt='2']")).stream()
                        .map(h -> h.getDomAttribute("data-type")).toList());

        String verdict = browser.findElement(By.id("verdict")).getText();
        assertTrue(verdict.startsWith("Verified"), verdict);
        assertTrue(verdict.contains("receipt came back"), verdict);
        // The note's number, as its ministry gave it and its hops carry it.
        assertEquals(path.getString("notice.reference"), browser.findElement(By.id("reference")).getText());
        assertTrue(browser.findElement(By.id("reference")).getText().matches("USA \\d{4}/\\d{5}"));
        assertTrue(browser.findElement(By.id("title")).getText().contains("ACKNOWLEDGED"));
        List<String> attempts = browser.findElements(By.cssSelector("#attempts tbody tr")).stream()
                .map(e -> e.getDomProperty("textContent")).toList();
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(0).contains("FAILED"), attempts::toString);
        screenshot("rerouted-notice-path");
    }

    @Test
    void theListShowsTheNoticeAndLeadsToItsPath() throws Exception {
        String id = Notices.accepted("USA", "IRN", "NOTE_VERBALE", "PRIORITY");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);

        browser.get(Notices.audit() + "/");
        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-notice='" + id + "']")));
        waiting().until(d -> row.getText().contains("ACKNOWLEDGED"));
        assertTrue(row.getText().contains("USA → IRN"), row.getText());
        String reference = browser.findElement(By.cssSelector("tr[data-notice='" + id + "'] .reference")).getText();
        assertEquals(given().baseUri(Notices.ministry()).get("/notices/" + id).then().extract().path("reference"),
                reference);
        assertTrue(row.getText().contains("PROTECTING_POWER"), row.getText());
        assertTrue(row.getText().contains("intact"), row.getText());
        assertTrue(browser.findElement(By.cssSelector(".card[data-channel='PROTECTING_POWER']")).getText()
                .contains("acknowledged"));
        screenshot("notice-list");

        row.findElement(By.tagName("a")).click();
        waiting().until(d -> hops().size() == 7);
        List<String> lanes = browser.findElements(By.cssSelector("#diagram svg g.lane")).stream()
                .map(e -> e.getDomAttribute("data-label")).toList();
        assertTrue(lanes.stream().anyMatch(l -> l.contains("Switzerland") && l.contains("protecting power")),
                lanes::toString);
        assertTrue(lanes.stream().anyMatch(l -> l.contains("Interests section of United States in Iran")),
                lanes::toString);
        screenshot("protecting-power-path");
    }

    @Test
    void aCopyOfACircularNoteLeadsToItsFanOut() throws Exception {
        String circular = given().baseUri(Notices.ministry()).contentType(io.restassured.http.ContentType.JSON).body("""
                {"from":"FRA","to":["ITA","GBR","JPN"],"kind":"NOTE_VERBALE","subject":"National day reception",
                 "body":"The Ministry has the honour to invite the Heads of Mission."}
                """).post("/notices").then().statusCode(202).extract().path("id");
        JsonPath sent = Notices.awaitStatus(circular, "ACKNOWLEDGED");
        for (String copy : sent.<String>getList("copies.noticeId")) {
            Notices.awaitVerifiedPath(copy);
        }

        browser.get(Notices.audit() + "/notice.html?id=" + sent.getString("copies[0].noticeId"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("circular"))).click();
        waiting().until(d -> browser.findElements(By.cssSelector("#notices tbody tr[data-notice]")).size() == 3);
        String verdict = browser.findElement(By.id("verdict")).getText();
        assertTrue(verdict.startsWith("3 copies seen: 3 acknowledged"), verdict);
        assertTrue(verdict.contains("intact"), verdict);
        assertTrue(browser.findElement(By.id("title")).getText().contains("National day reception"));
        List<String> rows = browser.findElements(By.cssSelector("#notices tbody tr")).stream().map(WebElement::getText)
                .toList();
        assertTrue(rows.stream().anyMatch(r -> r.contains("FRA → JPN")), rows::toString);
        screenshot("circular-fan-out");
    }

    @Test
    void aTamperedRecordIsShownAsNotVerifiedWithWhatIsWrong() throws Exception {
        String id = Notices.accepted("GBR", "JPN", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        FreshDatabase db = RunningSystem.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                var st = c.prepareStatement("update audit.hop set payload = replace(payload, 'ministry:JPN', "
                        + "'ministry:CHN') where notice_id = ?::uuid and hop = 2")) {
            st.setString(1, id);
            assertEquals(1, st.executeUpdate());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        given().baseUri(Notices.audit()).get("/notices/" + id + "/verify").then().statusCode(200);

        browser.get(Notices.audit() + "/notice.html?id=" + id);
        waiting().until(d -> !hops().isEmpty());
        String verdict = browser.findElement(By.id("verdict")).getText();
        assertTrue(verdict.startsWith("Not verified"), verdict);
        assertTrue(verdict.contains("hop 2: ALTERED"), verdict);
        assertEquals(1, browser.findElements(By.cssSelector("#diagram svg g.hop.flagged")).size());
        screenshot("tampered-notice-path");
    }
}
