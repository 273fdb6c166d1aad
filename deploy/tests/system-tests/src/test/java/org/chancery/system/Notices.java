package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;

/** Submitting notices to the running system and following them to their audited path. */
final class Notices {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Notices() {
    }

    static String ministry() {
        return RunningSystem.stack().url("foreign-ministry");
    }

    static String audit() {
        return RunningSystem.stack().url("audit");
    }

    static Response submit(String from, String to, String kind, String precedence, Instant deliverBy) {
        return given().baseUri(ministry()).contentType(ContentType.JSON).body("""
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","classification":"UNCLASSIFIED",
                 "subject":"%s to %s","body":"The Ministry presents its compliments."%s}
                """.formatted(from, to, kind, precedence, from, to,
                deliverBy == null ? "" : ",\"deliverBy\":\"" + deliverBy + "\"")).post("/notices");
    }

    static String accepted(String from, String to, String kind, String precedence) {
        return submit(from, to, kind, precedence, null).then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitStatus(String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(ministry()).get("/notices/" + id).then().body("status", equalTo(status)));
        return given().baseUri(ministry()).get("/notices/" + id).then().extract().jsonPath();
    }

    /** Waits until the audit has the receipt recorded, and checks the path verifies. */
    static JsonPath awaitVerifiedPath(String id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(audit()).get("/notices/" + id + "/path").then().statusCode(200)
                        .body("complete", equalTo(true)));
        JsonPath path = given().baseUri(audit()).get("/notices/" + id + "/path").then().extract().jsonPath();
        assertTrue(path.getBoolean("verified"), path::prettify);
        return path;
    }
}
