package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.ReceiptOutcome;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A receipt later than its regime's acknowledgement window marks the notice late and says so as a hop. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
@TestProfile(LateReceiptTest.DrillRegime.class)
class LateReceiptTest {

    /** A regime whose receipt is due within a second. */
    public static class DrillRegime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chancery.ministry.regimes-file", "src/test/resources/drill-regimes.json");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aReceiptPastTheWindowIsRecordedLateAndAnnounced() {
        Channels.publishRegistries(bootstrap);
        try (TopicProbe probe = TopicProbe.on(bootstrap, HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE),
                HopTopic.NOTICES.in(Lane.ROUTINE))) {
            String id = given().contentType(ContentType.JSON).body("""
                    {"from":"USA","to":"DEU","kind":"NOTE_VERBALE","subject":"s","body":"b","regime":"DRILL-1S"}
                    """).post("/notices").then().statusCode(202).extract().path("id");
            HopEvent dispatched = hop(probe, id, HopType.NOTICE_DISPATCHED);
            // The window is a second: the receipt is late once a second has passed since the notice.
            await().atMost(WAIT).until(() -> Instant.now().isAfter(dispatched.at().plusMillis(1_500)));

            report(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), "ministry:DEU")
                    .notice(dispatched.notice()).seal());
            HopEvent ack = hop(probe, id, HopType.NOTICE_ACKNOWLEDGED);
            report(ack.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), "ministry:USA")
                    .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal());

            HopEvent recorded = hop(probe, id, HopType.RECEIPT_RECORDED);
            HopEvent late = hop(probe, id, HopType.RECEIPT_LATE);
            assertEquals(recorded.eventId(), late.parentId());
            assertTrue(late.reason().endsWith("past the 1 s DRILL-1S allows"), late.reason());
            given().get("/notices/" + id).then().body("status", equalTo("ACKNOWLEDGED"))
                    .body("statusHistory.find { it.status == 'ACKNOWLEDGED' }.detail", containsString("late: "));
        }
    }

    private static HopEvent hop(TopicProbe probe, String id, HopType type) {
        return HopEvents.fromJson(probe.await(r -> id.equals(r.key())
                && type.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0).value());
    }

    private void report(HopEvent hop) {
        TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(Lane.ROUTINE), hop.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }
}
