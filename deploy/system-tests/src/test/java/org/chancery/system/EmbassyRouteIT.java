package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embassy route through the running system: REST in, hops over a real broker, receipt back, audit. */
@ExtendWith(RunningSystem.class)
class EmbassyRouteIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static String ministry() {
        return RunningSystem.stack().url("foreign-ministry");
    }

    static String audit() {
        return RunningSystem.stack().url("audit");
    }

    static Response submit(String from, String to, String subject) {
        return given().baseUri(ministry()).contentType(ContentType.JSON).body("""
                {"from":"%s","to":"%s","kind":"NOTE_VERBALE","precedence":"ROUTINE",
                 "classification":"UNCLASSIFIED","subject":"%s","body":"The Embassy presents its compliments."}
                """.formatted(from, to, subject)).post("/notices");
    }

    static void awaitAcknowledged(String id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(ministry()).get("/notices/" + id).then().body("status", equalTo("ACKNOWLEDGED")));
    }

    static JsonPath awaitCompletePath(String id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(audit()).get("/notices/" + id + "/path").then().statusCode(200)
                        .body("complete", equalTo(true)));
        return given().baseUri(audit()).get("/notices/" + id + "/path").then().extract().jsonPath();
    }

    @Test
    void aNoteVerbaleReachesTheReceivingMinistryAndItsReceiptComesBack() {
        Response accepted = submit("USA", "DEU", "State visit");
        accepted.then().statusCode(202)
                .header("Location", matchesPattern(".*/notices/[0-9a-f-]{36}"))
                .body("id", notNullValue())
                .body("status", equalTo("IN_TRANSIT"));
        String id = accepted.jsonPath().getString("id");
        given().get(accepted.header("Location")).then().statusCode(200).body("id", equalTo(id));

        awaitAcknowledged(id);
        given().baseUri(ministry()).get("/notices/" + id + "/receipt").then().statusCode(200)
                .body("outcome", equalTo("ACKNOWLEDGED")).body("by", equalTo("DEU"));

        JsonPath path = awaitCompletePath(id);
        assertEquals(id, path.getString("noticeId"));
        assertTrue(path.getBoolean("verified"), () -> path.prettify());
        given().baseUri(audit()).get("/notices/" + id + "/path").then()
                .body("hops.hop", contains(1, 2, 3, 4, 5))
                .body("hops.service", contains("foreign-ministry", "embassy", "foreign-ministry", "embassy",
                        "foreign-ministry"))
                .body("hops.type", contains("chancery.notice.dispatched", "chancery.notice.delivered",
                        "chancery.notice.acknowledged", "chancery.receipt.delivered", "chancery.receipt.recorded"))
                .body("hops.from", contains("ministry:USA", "embassy:USA@DEU", "ministry:DEU", "embassy:USA@DEU",
                        "ministry:USA"))
                .body("hops.at", everyItem(notNullValue()))
                .body("findings", hasSize(0));
        List<String> times = path.getList("hops.at");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!Instant.parse(times.get(i)).isBefore(Instant.parse(times.get(i - 1))), times::toString);
        }
    }

    @Test
    void noticesSubmittedTogetherAreEachAcknowledgedAndVerified() {
        String[][] pairs = {{"GBR", "JPN"}, {"ITA", "CHE"}, {"CAN", "MEX"}, {"SWE", "IND"}, {"DEU", "USA"}};
        List<CompletableFuture<String>> submitted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String[] pair = pairs[i % pairs.length];
            int n = i;
            submitted.add(CompletableFuture.supplyAsync(() ->
                    submit(pair[0], pair[1], "Notice " + n).then().statusCode(202).extract().<String>path("id")));
        }
        List<String> ids = submitted.stream().map(CompletableFuture::join).toList();
        for (String id : ids) {
            awaitAcknowledged(id);
            JsonPath path = awaitCompletePath(id);
            assertTrue(path.getBoolean("verified"), path::prettify);
            assertEquals(5, path.getList("hops").size());
        }
    }
}
