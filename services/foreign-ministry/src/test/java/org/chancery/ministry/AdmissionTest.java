package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.chancery.events.Lane;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.service.Backlog;
import org.chancery.testkit.ChanceryTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Admission at the door, with no channel answering so that every notice taken in stays under way:
 * a lane assumed to drain one notice a second, ROUTINE given at most 3 s in it and PRIORITY 6 s.
 * What its lane cannot carry in time is refused with 503, Retry-After and the estimate; nothing of
 * it is kept, whether refused at the door or after its token is read; FLASH, in its own lane, still goes.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
@TestProfile(AdmissionTest.SlowLanes.class)
class AdmissionTest {

    public static class SlowLanes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chancery.ministry.admission.least-drain-rate", "1",
                    "chancery.ministry.admission.longest-wait.routine", "3s",
                    "chancery.ministry.admission.longest-wait.priority", "6s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Backlog backlog;

    static Response submit(String precedence, String to, String deliverBy) {
        return submit("USA", precedence, to, deliverBy);
    }

    static Response submit(String from, String precedence, String to, String deliverBy) {
        return given().contentType(ContentType.JSON).body(note(from, precedence, to, deliverBy)).post("/notices");
    }

    static String note(String from, String precedence, String to, String deliverBy) {
        return """
                {"from":"%s","to":%s,"kind":"NOTE_VERBALE","precedence":"%s","classification":"UNCLASSIFIED",
                 "subject":"Admission","body":"The Embassy presents its compliments."%s}
                """.formatted(from, to, precedence, deliverBy == null ? "" : ",\"deliverBy\":\"" + deliverBy + "\"");
    }

    /**
     * Waits until the lane counts exactly what was taken in: a notice stored just as the backlog is
     * read counts twice until the next reading (on the safe side), and these notices are sent at
     * the lane's very margin.
     */
    private void awaitCounted(Lane lane, long notices) {
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog.open(lane) == notices);
    }

    @Test
    void whatTheLaneCannotCarryInTimeIsRefusedWithItsEstimate() {
        Channels.publishRegistries(bootstrap);
        assertEquals(0, backlog.open(Lane.ROUTINE), "the test starts on an empty routine lane");
        assertEquals(0, backlog.open(Lane.URGENT), "the test starts on an empty urgent lane");

        // One a second: the third ROUTINE notice would arrive after 3 s, just in time.
        String first = null;
        for (int i = 0; i < 3; i++) {
            awaitCounted(Lane.ROUTINE, i);
            Response accepted = submit("ROUTINE", "\"DEU\"", null);
            accepted.then().statusCode(202).body("estimatedDelivery", notNullValue());
            first = first == null ? accepted.jsonPath().getString("id") : first;
        }
        awaitCounted(Lane.ROUTINE, 3);
        Response refused = submit("ROUTINE", "\"DEU\"", null);
        refused.then().statusCode(503).contentType("application/problem+json")
                .body("title", equalTo("Cannot be delivered in time"))
                .body("lane", equalTo("routine"))
                .body("precedence", equalTo("ROUTINE"))
                .body("noticesAhead", equalTo(3))
                .body("detail", containsString("the longest wait a ROUTINE notice is given"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        assertEquals(retryAfter, refused.jsonPath().getLong("retryAfterSeconds"));
        assertTrue(Instant.parse(refused.jsonPath().getString("estimatedDelivery"))
                .isAfter(Instant.parse(refused.jsonPath().getString("deadline"))));

        // The door refuses what no notice of its precedence could pass, before reading its token; what it
        // lets through is checked as always.
        given().noFilters().contentType(ContentType.JSON).body(note("USA", "ROUTINE", "\"DEU\"", null)).post("/notices")
                .then().statusCode(503).body("title", equalTo("Cannot be delivered in time")).body("noticesAhead", equalTo(3));
        given().noFilters().contentType(ContentType.JSON).body(note("USA", "FLASH", "\"DEU\"", null)).post("/notices")
                .then().statusCode(401);

        // PRIORITY is given longer in the same lane (from another state: the United States holds its
        // share, half of what the lane carries in time); a circular note's copies are refused together.
        submit("GBR", "PRIORITY", "\"DEU\"", null).then().statusCode(202);
        submit("ROUTINE", "[\"FRA\",\"GBR\"]", null).then().statusCode(503);

        // FLASH travels in the urgent lane, which is empty; a deadline the lane cannot meet is refused.
        submit("FLASH", "\"DEU\"", null).then().statusCode(202);
        submit("IMMEDIATE", "\"DEU\"", Instant.now().plusMillis(1_500).toString()).then().statusCode(503)
                .body("detail", containsString("its deadline (deliverBy)"));

        given().get("/notices/" + first).then().statusCode(200).body("status", equalTo("IN_TRANSIT"))
                .body("estimatedDelivery", notNullValue());
        assertEquals(5, SentNotice.count(), "only what was taken in is kept");
        assertEquals(0, Circular.count());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("chancery_notices_refused_total{precedence=\"ROUTINE\"} 4.0"), metrics);
        assertTrue(metrics.contains("chancery_notices_refused_total{precedence=\"IMMEDIATE\"} 1.0"), metrics);
        assertTrue(metrics.contains("chancery_notices_refused_total{precedence=\"FLASH\"} 0.0"), metrics);
    }
}
