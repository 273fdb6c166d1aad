package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Party;
import org.chancery.events.Topics;
import org.chancery.events.registry.Mission;
import org.chancery.ministry.domain.ReferenceData;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reference data reloaded while notices are under way: a mission the embassy service no longer
 * lists changes the plans of notices to come, and takes nothing from a notice already accepted.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class ReferenceReloadTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ROUTES = "/routes?from=ESP&to=PRT";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aNoticeAcceptedBeforeItsMissionLeftTheRegistryStillArrivesAndTheNextGoesAnotherWay() {
        Channels.publishRegistries(bootstrap);
        Mission lisbon = ReferenceData.MISSIONS.stream().filter(m -> m.key().equals(Mission.key("ESP", "PRT")))
                .findFirst().orElseThrow();
        try (TopicProbe probe = TopicProbe.on(bootstrap, HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE))) {
            String id = given().contentType(ContentType.JSON).body("""
                    {"from":"ESP","to":"PRT","kind":"NOTE_VERBALE","subject":"Fisheries","body":"b"}
                    """).post("/notices").then().statusCode(202).extract().path("id");
            HopEvent dispatched = HopEvents.fromJson(probe.await(r -> id.equals(r.key())
                    && HopType.NOTICE_DISPATCHED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT)
                    .get(0).value());
            assertEquals("embassy:ESP@PRT", dispatched.to());

            // The embassy service republishes its missions without Spain's embassy in Lisbon: Portugal's in
            // Madrid takes the note home.
            TopicProbe.sendAll(bootstrap, List.of(Channels.record(Topics.REGISTRY_MISSIONS, lisbon.key(), null)));
            await().atMost(WAIT).untilAsserted(() -> given().get(ROUTES).then()
                    .body("routes[0].via[0]", equalTo("embassy:PRT@ESP")));

            // The notice already accepted keeps its plan and ends acknowledged.
            send(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), Party.ministry("PRT"))
                    .notice(dispatched.notice()).seal());
            HopEvent answer = HopEvents.fromJson(probe.await(r -> id.equals(r.key())
                    && HopType.NOTICE_ACKNOWLEDGED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT)
                    .get(0).value());
            send(answer.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), Party.ministry("ESP"))
                    .receipt(answer.receipt(), null).seal());
            await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("route.planned[0].via[0]", equalTo("embassy:ESP@PRT")));
        } finally {
            TopicProbe.sendAll(bootstrap, List.of(Channels.record(Topics.REGISTRY_MISSIONS, lisbon.key(), lisbon)));
            await().atMost(WAIT).untilAsserted(() -> given().get(ROUTES).then()
                    .body("routes[0].via[0]", equalTo("embassy:ESP@PRT")));
        }
    }

    private void send(HopEvent hop) {
        TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(Lane.ROUTINE), hop.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop)), Map.of("ce_id", hop.eventId().toString(),
                        "ce_type", hop.type().ceType()));
    }
}
