package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An attack from the inside: whoever may write a topic the ministry consumes (every channel may
 * write the deliveries) writes records that no consumer can take. Each goes to the dead-letter topic
 * with its reason, and the urgent lane goes on: a FLASH notice sent after them is still answered.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class PoisonLaneTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String URGENT = HopTopic.DELIVERY.in(Lane.URGENT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A hop that reads as one, with a number its canonical form cannot hold: nothing can check it. */
    private static String withAFraction() {
        Notice notice = Notice.of("USA", "RUS", NoticeKind.NOTE_VERBALE, Precedence.FLASH, Classification.UNCLASSIFIED,
                "s", "b", null);
        HopEvent hop = HopEvent.first(UUID.randomUUID(), "hotline", "ministry:USA", "hotline:US-RU-DCL", notice,
                List.of(new Route(Channel.HOTLINE, List.of("hotline:US-RU-DCL"), "poison")));
        ObjectNode tree = (ObjectNode) HopEvents.readTree(HopEvents.toJson(TestKeys.sign(hop)));
        tree.put("x", 1.5);
        return tree.toString();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndAFlashNoticeAfterThemIsStillAnswered() {
        Channels.publishRegistries(bootstrap);
        String fraction = "poison-" + UUID.randomUUID();
        String garbage = "poison-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER, HopTopic.DISPATCH_HOTLINE.in(Lane.URGENT))) {
            TopicProbe.sendAll(bootstrap, List.of(
                    new ProducerRecord<>(URGENT, fraction, withAFraction()),
                    new ProducerRecord<>(URGENT, garbage, "{\"schemaVersion\":3,\"eventId\":"),
                    new ProducerRecord<>(URGENT, fraction, withAFraction())));
            ConsumerRecord<String, String> dead = probe.await(r -> Topics.DEAD_LETTER.equals(r.topic())
                    && fraction.equals(r.key()) && "foreign-ministry".equals(TopicProbe.header(r, "dead-letter-service")),
                    1, WAIT).get(0);
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").startsWith("a hop that cannot be checked"),
                    TopicProbe.header(dead, "dead-letter-reason"));

            String id = given().contentType(ContentType.JSON).body("""
                    {"from":"USA","to":"RUS","kind":"DECONFLICTION_NOTICE","precedence":"FLASH","subject":"s","body":"b"}
                    """).post("/notices").then().statusCode(202).extract().path("id");
            HopEvent dispatched = HopEvents.fromJson(probe.await(r -> id.equals(r.key())
                    && HopType.NOTICE_DISPATCHED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT)
                    .get(0).value());
            HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "hotline", dispatched.to(), "ministry:RUS")
                    .notice(dispatched.notice()).seal();
            send(delivered);
            HopEvent answer = HopEvents.fromJson(probe.await(r -> id.equals(r.key())
                    && HopType.NOTICE_ACKNOWLEDGED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT)
                    .get(0).value());
            send(answer.next(HopType.RECEIPT_DELIVERED, "hotline", answer.to(), "ministry:USA")
                    .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal());
            await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                    .body("status", equalTo("ACKNOWLEDGED")));
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    private void send(HopEvent hop) {
        TopicProbe.send(bootstrap, URGENT, hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }
}
