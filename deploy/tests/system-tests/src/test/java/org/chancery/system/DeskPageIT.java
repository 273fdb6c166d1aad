package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk, the foreign ministry's pages at {@code /desk/}, in a real browser (Debian's Chromium,
 * headless), against the running system: a note written, sent, followed to its receipt, read and
 * answered by the other ministry, and the exchange seen as one thread; a circular and its copies; a
 * refusal said in words; the whole desk from the keyboard. Screenshots are kept in
 * {@code target/screenshots}; the four that show the desk at work are copied to {@code docs/images}.
 */
@ExtendWith(RunningSystem.class)
class DeskPageIT {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    /** The repository's pictures of the system, which the failsafe plugin's chancery.root finds. */
    static final Path DOCS_IMAGES = Path.of(System.getProperty("chancery.root", "../../..")).toAbsolutePath()
            .normalize().resolve("docs/images");
    static final String REFERENCE = "%s \\d{4}/\\d{5}";

    static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = HeadlessChromium.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String desk() {
        return Notices.ministry() + "/desk/";
    }

    /**
     * As an officer does: open the link with the ministry's token. The tab's session storage is
     * cleared first, so that a link that failed to sign in cannot leave the previous ministry's desk
     * showing; and the link is opened from another page, so that the desk starts afresh.
     */
    static void signIn(String state) {
        // The tab's storage is cleared from a page of the same origin that opens no stream of its own.
        browser.get(Notices.ministry() + "/q/health/live");
        js().executeScript("sessionStorage.clear()");
        browser.get(desk() + "#token=" + RunningSystem.stack().tokens().ministry(state, Duration.ofHours(2)));
        // Live updates on: the desk hears its notes change from now on (a change before would be missed).
        until("the desk of " + state + ", its live updates on", d ->
                ("Ministry of " + state).equals(d.findElement(By.id("ministry")).getText())
                        && "Live updates on".equals(d.findElement(By.id("live-state")).getText()));
    }

    @Test
    void aNoteWrittenOnTheDeskIsAnsweredAndThreaded() throws IOException {
        String subject = "Consular access " + tag();
        String body = "The Ministry presents its compliments and requests consular access, case " + tag() + ".";
        String answerBody = "The Federal Foreign Office has the honour to grant the access requested, " + tag() + ".";

        // Washington writes to Berlin; the route is shown before anything is sent.
        signIn("USA");
        open("write");
        fill("to", "DEU");
        List<String> planned = until("the planned route to DEU", d -> {
            WebElement route = d.findElement(By.cssSelector("#route .route-for[data-to='DEU'] .route.planned"));
            return List.of(route.findElement(By.tagName("b")).getText(), route.getText());
        });
        assertEquals("EMBASSY", planned.get(0), planned.get(1));
        assertTrue(planned.get(1).contains("via USA embassy in DEU"), planned.get(1));
        fill("subject", subject);
        fill("body", body);
        screenshot("desk-write", true);

        js().executeScript("window.__noReload = true");
        browser.findElement(By.id("send")).click();
        until("the Sent view", d -> d.findElement(By.id("view-sent")).isDisplayed());
        String note = sentRow(subject);
        awaitSentStatus(note, "ACKNOWLEDGED");
        assertEquals(Boolean.TRUE, js().executeScript("return window.__noReload === true"),
                "the page was loaded again: the status came by reloading, not by the desk's live updates");
        String reference = until("the note's number", d -> d.findElement(
                By.cssSelector(row("sent", note) + " td.reference")).getText());
        assertTrue(reference.matches(REFERENCE.formatted("USA")), reference);
        // Said by the desk's live updates, and by nothing else: the acknowledgement came as an event.
        until("the acknowledgement announced", d -> d.findElement(By.id("announce")).getText()
                .contains(reference + ": Acknowledged"));
        assertEquals("DEU", browser.findElement(By.cssSelector(row("sent", note) + " td:nth-child(2)")).getText());
        String accepted = browser.findElement(By.id("accepted")).getText();
        assertTrue(accepted.contains(reference) && accepted.contains(subject), accepted);
        screenshot("desk-sent", true);

        // Berlin finds it unread, reads it, and answers.
        signIn("DEU");
        open("received");
        List<String> received = until("the note in DEU's Received", d -> {
            WebElement r = d.findElement(By.cssSelector(row("received", note)));
            return List.of(String.valueOf(r.getDomAttribute("class")),
                    r.findElement(By.cssSelector("td.reference")).getText(), r.getText());
        });
        assertTrue(classes(received.get(0)).contains("unread"), received.toString());
        assertEquals(reference, received.get(1));
        assertTrue(received.get(2).toLowerCase().contains("unread"), received.get(2));
        assertTrue(classes(browser.findElement(By.id("nav-received")).getDomAttribute("class")).contains("has-unread"));
        assertTrue(Integer.parseInt(browser.findElement(By.id("unread-count")).getText()) >= 1);

        click(By.cssSelector(row("received", note) + " a[href='#note=" + note + "']"));
        until("the note opened, with its text", d -> body.equals(d.findElement(By.cssSelector("#note .body")).getText()));
        assertEquals(reference, browser.findElement(By.cssSelector("#note dd.reference")).getText());
        until("the opened note no longer unread", d ->
                !classes(d.findElement(By.cssSelector(row("received", note))).getDomAttribute("class")).contains("unread"));
        screenshot("desk-received", true);

        browser.findElement(By.id("answer")).click();
        until("Write, answering the note", d -> d.findElement(By.id("view-write")).isDisplayed()
                && note.equals(value("in-reply-to")));
        assertEquals("USA", value("to"));
        assertEquals("Re: " + subject, value("subject"));
        assertEquals("true", browser.findElement(By.id("in-reply-to")).getDomProperty("readOnly"),
                "the note answered is fixed while answering");
        assertTrue(browser.findElement(By.id("in-reply-to-ref")).getText().contains(reference),
                browser.findElement(By.id("in-reply-to-ref")).getText());
        assertTrue(value("references").startsWith(reference + " of "), value("references"));
        until("the focus in the answer's text", d -> "body".equals(focused()));
        browser.switchTo().activeElement().sendKeys(answerBody);
        browser.findElement(By.id("send")).click();
        until("the Sent view", d -> d.findElement(By.id("view-sent")).isDisplayed());
        String answer = sentRow("Re: " + subject);
        awaitSentStatus(answer, "ACKNOWLEDGED");
        String answerReference = until("the answer's number", d -> d.findElement(
                By.cssSelector(row("sent", answer) + " td.reference")).getText());
        assertTrue(answerReference.matches(REFERENCE.formatted("DEU")), answerReference);
        assertEquals("USA", browser.findElement(By.cssSelector(row("sent", answer) + " td:nth-child(2)")).getText());

        // Washington follows the exchange from its note.
        signIn("USA");
        open("sent");
        click(By.cssSelector(row("sent", note) + " td.reference a"));
        until("the Thread view", d -> d.findElement(By.id("view-thread")).isDisplayed());
        AtomicReference<List<Map<String, Object>>> seen = new AtomicReference<>();
        waiting().withMessage(() -> "two notes in the exchange, seen: " + seen.get()).until(d -> {
            seen.set(threadNotes());
            return seen.get().size() == 2 && !String.valueOf(seen.get().get(1).get("reference")).isEmpty();
        });
        List<Map<String, Object>> thread = seen.get();
        assertEquals(note, thread.get(0).get("id"), thread::toString);
        assertTrue(String.valueOf(thread.get(0).get("direction")).startsWith("USA → DEU"), thread::toString);
        assertEquals(Boolean.TRUE, thread.get(0).get("sent"), thread::toString);
        assertEquals(reference, thread.get(0).get("reference"), thread::toString);
        assertEquals(answer, thread.get(1).get("id"), thread::toString);
        assertTrue(String.valueOf(thread.get(1).get("direction")).startsWith("DEU → USA"), thread::toString);
        assertEquals(Boolean.FALSE, thread.get(1).get("sent"), thread::toString);
        assertEquals(answerReference, thread.get(1).get("reference"), thread::toString);
        assertEquals(Boolean.TRUE, thread.get(1).get("answerable"), "the latest note received can be answered");
        screenshot("desk-thread", true);
    }

    @Test
    void aCircularShowsItsCopies() throws IOException {
        String subject = "National day reception " + tag();
        signIn("USA");
        open("write");
        fill("to", "FRA ITA");
        until("a planned route for each copy", d ->
                d.findElements(By.cssSelector("#route .route-for[data-to='FRA'] .route.planned")).size() == 1
                        && d.findElements(By.cssSelector("#route .route-for[data-to='ITA'] .route.planned")).size() == 1);
        String names = browser.findElement(By.id("to-names")).getText();
        assertTrue(names.startsWith("A circular note to 2 states"), names);
        fill("subject", subject);
        fill("body", "The Ministry has the honour to invite the Heads of Mission, " + tag() + ".");
        browser.findElement(By.id("send")).click();
        until("the Sent view", d -> d.findElement(By.id("view-sent")).isDisplayed());

        String circular = until("the circular's row in Sent", d -> d.findElement(By.xpath(
                "//table[@id='sent']/tbody/tr[contains(concat(' ', normalize-space(@class), ' '), ' circular ')]"
                        + "[td[3][normalize-space(.)='" + subject + "']]")).getDomAttribute("data-id"));
        // Read again if the list is redrawn meanwhile (a live update): the row found may be gone.
        List<String> shown = until("the circular's row and its number", d -> List.of(
                d.findElement(By.cssSelector(row("sent", circular))).getText(),
                d.findElement(By.cssSelector(row("sent", circular) + " td.reference")).getText()));
        String head = shown.get(0);
        assertTrue(head.contains("FRA, ITA"), head);
        assertTrue(java.util.regex.Pattern.compile("^" + REFERENCE.formatted("USA")).matcher(shown.get(1)).find(), head);

        // The copies are folded under the circular: unfold them (once; the desk keeps them unfolded).
        By toggle = By.cssSelector(row("sent", circular) + " button.toggle");
        until("the copies unfolded", d -> {
            WebElement button = d.findElement(toggle);
            if ("false".equals(button.getDomAttribute("aria-expanded"))) {
                button.click();
            }
            return "true".equals(d.findElement(toggle).getDomAttribute("aria-expanded"));
        });
        AtomicReference<List<Map<String, Object>>> seen = new AtomicReference<>();
        waiting().withMessage(() -> "both copies shown and ACKNOWLEDGED, seen: " + seen.get()).until(d -> {
            seen.set(copies(circular));
            return seen.get().size() == 2 && seen.get().stream().allMatch(c ->
                    "ACKNOWLEDGED".equals(c.get("status")) && Boolean.TRUE.equals(c.get("shown")));
        });
        List<Map<String, Object>> copies = seen.get();
        assertEquals(Set.of("FRA", "ITA"), copies.stream().map(c -> String.valueOf(c.get("to"))).collect(Collectors.toSet()),
                copies::toString);
        assertTrue(copies.stream().allMatch(c -> String.valueOf(c.get("link")).startsWith("#thread=")), copies::toString);
        until("the circular acknowledged", d -> "ACKNOWLEDGED".equals(badge("sent", circular))
                && d.findElement(By.cssSelector(row("sent", circular))).getText().contains("2 of 2 acknowledged"));
        screenshot("desk-circular", false);
    }

    @Test
    void aRefusalIsShownInWordsAndTheFormKept() throws IOException {
        String subject = "Re: a note never written " + tag();
        String body = "The Ministry refers to a note it never received, " + tag() + ".";
        String nothing = UUID.randomUUID().toString();
        signIn("USA");
        open("write");
        fill("to", "DEU");
        fill("in-reply-to", nothing);
        fill("subject", subject); // leaving In reply to: the desk says whether it knows the note
        fill("body", body);
        until("the desk saying it knows no such note", d ->
                d.findElement(By.id("in-reply-to-ref")).getText().contains("there is no notice"));
        browser.findElement(By.id("send")).click();

        // The API's own sentence for the same note.
        String detail = given().baseUri(Notices.ministry()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + RunningSystem.stack().tokens().ministry("USA", Duration.ofHours(2)))
                .body("""
                        {"from":"USA","to":"DEU","kind":"NOTE_VERBALE","precedence":"ROUTINE","classification":"UNCLASSIFIED",
                         "subject":"%s","body":"%s","inReplyTo":"%s"}
                        """.formatted(subject, body, nothing))
                .post("/notices").then().statusCode(422).extract().path("detail");
        assertNotNull(detail);
        assertTrue(detail.contains(nothing), detail);

        WebElement problem = browser.findElement(By.id("problem"));
        until("the refusal said", d -> !problem.getText().isEmpty());
        assertEquals(detail, problem.getText());
        assertEquals("alert", problem.getDomAttribute("role"));
        assertTrue(problem.isDisplayed());
        // Nothing typed is lost, and nothing was sent.
        assertTrue(browser.findElement(By.id("view-write")).isDisplayed());
        assertFalse(browser.findElement(By.id("view-sent")).isDisplayed());
        assertEquals("DEU", value("to"));
        assertEquals(subject, value("subject"));
        assertEquals(body, value("body"));
        assertEquals(nothing, value("in-reply-to"));
        WebElement send = browser.findElement(By.id("send"));
        assertTrue(send.isEnabled() && "Send".equals(send.getText()), send.getText());
        List<String> subjects = given().baseUri(Notices.ministry())
                .header("Authorization", "Bearer " + RunningSystem.stack().tokens().ministry("USA", Duration.ofHours(2)))
                .get("/notices?box=sent&size=50").then().statusCode(200).extract().path("notes.subject");
        assertFalse(subjects.contains(subject), "a refused note was sent");
        screenshot("desk-refusal", false);
    }

    @Test
    void theDeskWorksFromTheKeyboardAlone() throws IOException {
        String subject = "Keyboard only " + tag();
        signIn("USA");

        // Every field of the form is named for a screen reader.
        Object unlabelled = js().executeScript("""
                return [...document.querySelectorAll('#write input, #write select, #write textarea')]
                  .filter((e) => !(e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
                    && !(e.getAttribute('aria-label') || '').trim())
                  .map((e) => e.id || e.name || e.outerHTML);""");
        assertEquals(List.of(), unlabelled, "fields of #write without a label");

        // From the top of the page: Tab to Write, Enter, then Tab through the form.
        assertEquals("(page)", focused(), "the focus is not at the top of the page");
        tabTo("nav-write", 5);
        assertFocusRing();
        keys(Keys.ENTER);
        until("Write, its heading focused", d -> d.findElement(By.id("view-write")).isDisplayed()
                && "view-write h2".equals(focused()));
        tabTo("to", 5);
        assertFocusRing();
        keys("DEU");
        tabTo("subject", 10);
        keys(subject);
        tabTo("body", 3);
        keys("The Ministry presents its compliments, by keyboard alone.");
        // In reply to, References, then two date-and-time fields, each of several parts Tab moves through.
        tabTo("send", 40);
        assertFocusRing();
        keys(Keys.ENTER);

        until("Sent, its heading focused", d -> d.findElement(By.id("view-sent")).isDisplayed()
                && "view-sent h2".equals(focused()));
        String note = sentRow(subject);
        String accepted = browser.findElement(By.id("accepted")).getText();
        assertTrue(accepted.startsWith("Accepted: ") && accepted.contains(subject), accepted);
        assertEquals("DEU", browser.findElement(By.cssSelector(row("sent", note) + " td:nth-child(2)")).getText());
        screenshot("desk-keyboard", false);
    }

    @Test
    void withoutATokenTheDeskSaysHowToSignIn() throws IOException {
        browser.get(desk());
        js().executeScript("sessionStorage.clear()");
        browser.get("about:blank");
        browser.get(desk());
        until("the sign-in", d -> d.findElement(By.id("signin")).isDisplayed());
        assertEquals("This desk takes a ministry's token.", browser.findElement(By.id("signin-why")).getText());
        assertTrue(browser.findElement(By.id("signin")).getText().contains("#token="));
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector(".view")).stream().noneMatch(WebElement::isDisplayed),
                "a view shows without a token");

        // A token that is no ministry's is refused in words.
        browser.get("about:blank");
        browser.get(desk() + "#token=" + RunningSystem.stack().tokens().auditor(Duration.ofHours(2)));
        until("the sign-in, for an auditor's token", d ->
                d.findElement(By.id("signin-why")).getText().contains("no ministry's"));
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());

        // A ministry's: kept in the tab's session storage, never in local storage, gone from the address.
        signIn("USA");
        assertFalse(browser.getCurrentUrl().contains("token"), browser.getCurrentUrl());
        assertNotNull(js().executeScript("return sessionStorage.getItem('chancery.ministry-token')"));
        assertEquals(0L, js().executeScript("return localStorage.length"));

        // The page forbids inline scripts and foreign sources, and has none.
        ExtractableResponse<Response> page = given().get(desk()).then().statusCode(200).extract();
        String policy = String.valueOf(page.header("Content-Security-Policy"));
        assertTrue(policy.contains("script-src 'self'") && policy.contains("default-src 'none'")
                && !policy.contains("unsafe"), policy);
        assertTrue(!page.asString().matches("(?s).*<script>.*") && !page.asString().contains("style="),
                "the desk carries inline script or style");

        // At 760 px nothing makes the page scroll sideways.
        try {
            browser.manage().window().setSize(new Dimension(760, 1100));
            signIn("USA");
            open("write");
            fill("to", "DEU");
            until("the planned route to DEU", d ->
                    !d.findElements(By.cssSelector("#route .route-for[data-to='DEU'] .route.planned")).isEmpty());
            assertNoSidewaysScroll("write");
            screenshot("desk-write-760", false);
            for (String view : List.of("sent", "received")) {
                open(view);
                until(view + " loaded", d -> !d.findElement(By.cssSelector("#" + view + " tbody")).getText()
                        .contains("Loading"));
                assertNoSidewaysScroll(view);
                screenshot("desk-" + view + "-760", false);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1500, 1100));
        }
    }

    // --- the page ---------------------------------------------------------------------------------

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /** Waits at most {@link Notices#WAIT}, reading again an element the desk drew anew meanwhile. */
    private static FluentWait<WebDriver> waiting() {
        return new WebDriverWait(browser, Notices.WAIT).ignoring(StaleElementReferenceException.class);
    }

    private static <T> T until(String what, Function<WebDriver, T> condition) {
        return waiting().withMessage(what).until(condition);
    }

    /** Opens a view by its link at the top of the page. */
    private static void open(String view) {
        click(By.id("nav-" + view));
        until("the " + view + " view", d -> d.findElement(By.id("view-" + view)).isDisplayed());
    }

    /** Clicks, again if the desk drew the element anew just before. */
    private static void click(By target) {
        waiting().ignoring(ElementNotInteractableException.class).withMessage("clicking " + target).until(d -> {
            d.findElement(target).click();
            return true;
        });
    }

    private static void fill(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    private static Set<String> classes(String attribute) {
        return attribute == null ? Set.of() : Set.copyOf(Arrays.asList(attribute.trim().split("\\s+")));
    }

    private static String row(String table, String id) {
        return "#" + table + " tr[data-id='" + id + "']";
    }

    /** The id of the note sent with this subject, once Sent lists it. */
    private static String sentRow(String subject) {
        By row = By.xpath("//table[@id='sent']/tbody/tr[td[3][normalize-space(.)='" + subject + "']]");
        return until("a row in Sent for \"" + subject + "\"", d -> d.findElement(row).getDomAttribute("data-id"));
    }

    private static String badge(String table, String id) {
        return browser.findElement(By.cssSelector(row(table, id) + " .status .badge")).getDomProperty("textContent");
    }

    /** As the page shows it, without being loaded again: the desk's live updates redraw the row. */
    private static void awaitSentStatus(String id, String status) {
        AtomicReference<String> seen = new AtomicReference<>();
        waiting().withMessage(() -> "note " + id + " " + status + " in Sent, seen " + seen.get()).until(d -> {
            seen.set(badge("sent", id));
            return status.equals(seen.get());
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> threadNotes() {
        return (List<Map<String, Object>>) js().executeScript("""
                return [...document.querySelectorAll('#thread .note')].map((n) => ({
                  id: n.dataset.id,
                  direction: n.querySelector('.direction').textContent,
                  reference: n.querySelector('.reference').textContent,
                  sent: n.classList.contains('sent'),
                  answerable: n.querySelector('button.answer') !== null}));""");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> copies(String circular) {
        return (List<Map<String, Object>>) js().executeScript("""
                return [...document.querySelectorAll(`#sent tr.copy[data-circular="${CSS.escape(arguments[0])}"]`)]
                  .map((r) => ({
                    to: r.cells[1].textContent,
                    status: (r.querySelector('.status .badge') || {}).textContent || null,
                    shown: !r.hidden && r.getClientRects().length > 0,
                    link: (r.querySelector('td.reference a') || {getAttribute: () => null}).getAttribute('href')}));""",
                circular);
    }

    // --- the keyboard -----------------------------------------------------------------------------

    /** Where the focus is: an element's id, else its view and tag (view-write h2); (page) when nothing has it. */
    private static String focused() {
        return (String) js().executeScript("""
                const e = document.activeElement;
                if (!e || e === document.body || e === document.documentElement) return '(page)';
                if (e.id) return e.id;
                const view = e.closest('section');
                return (view ? view.id + ' ' : '') + e.tagName.toLowerCase();""");
    }

    /** Keys pressed as a person would: to whatever has the focus. */
    private static void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private static void tabTo(String id, int most) {
        StringBuilder path = new StringBuilder(String.valueOf(focused()));
        for (int i = 0; i < most && !id.equals(focused()); i++) {
            keys(Keys.TAB);
            path.append(" → ").append(focused());
        }
        assertEquals(id, focused(), "Tab did not reach #" + id + ": " + path);
    }

    /** The focused element shows the focus ring the desk draws on everything that takes the focus. */
    private static void assertFocusRing() {
        Object outline = js().executeScript(
                "const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;");
        assertEquals("solid 3px", outline, "the focus ring of #" + focused());
    }

    private static void assertNoSidewaysScroll(String view) {
        @SuppressWarnings("unchecked")
        List<Long> widths = (List<Long>) js().executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        assertTrue(widths.get(0) <= widths.get(1), view + " scrolls sideways at 760 px: scrollWidth " + widths.get(0)
                + " > clientWidth " + widths.get(1));
    }

    // --- the record -------------------------------------------------------------------------------

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void screenshot(String name, boolean forDocs) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path saved = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        // The README's pictures are taken again only when asked: -Dchancery.screenshots.docs=true.
        if (forDocs && Boolean.getBoolean("chancery.screenshots.docs")) {
            Files.createDirectories(DOCS_IMAGES);
            Files.copy(saved, DOCS_IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
