package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Topics;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attacks from a channel service that holds its own signing key and broker password: a receipt
 * flipped from returned to acknowledged, a receipt made up for a notice no ministry acknowledged, a
 * receipt on another channel than the attempt's, a failure from a party the attempt never went to.
 * Each signature checks; the ministry dead-letters each by the grammar it breaks, and the notice's
 * standing does not move.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class LyingRelayTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicProbe probe;

    @BeforeEach
    void probe() {
        Channels.publishRegistries(bootstrap);
        probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER, HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE),
                HopTopic.DISPATCH_HOTLINE.in(Lane.URGENT));
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static String submit(String from, String to, String kind, String precedence) {
        return given().contentType(ContentType.JSON).body("""
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","subject":"s","body":"b"}
                """.formatted(from, to, kind, precedence)).post("/notices").then().statusCode(202).extract().path("id");
    }

    private HopEvent await(String id, HopType type) {
        return HopEvents.fromJson(probe.await(r -> id.equals(r.key()) && type.ceType().equals(TopicProbe.header(r, "ce_type")),
                1, WAIT).get(0).value());
    }

    private void send(HopEvent hop, Lane lane) {
        TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(lane), hop.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }

    private String deadLetterReason(String id) {
        ConsumerRecord<String, String> dead = probe.await(r -> Topics.DEAD_LETTER.equals(r.topic()) && id.equals(r.key())
                && "foreign-ministry".equals(TopicProbe.header(r, "dead-letter-service")), 1, WAIT).get(0);
        return TopicProbe.header(dead, "dead-letter-reason");
    }

    @Test
    void aReturnedNoteFlippedToAcknowledgedOnTheWayBackIsRefused() {
        String id = submit("CHE", "ITA", "DEMARCHE", "PRIORITY");
        HopEvent dispatched = await(id, HopType.NOTICE_DISPATCHED);
        send(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), "ministry:ITA")
                .notice(dispatched.notice()).seal(), Lane.ROUTINE);
        HopEvent rejected = await(id, HopType.NOTICE_REJECTED);
        send(rejected.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), "ministry:CHE")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal(), Lane.ROUTINE);
        String why = deadLetterReason(id);
        assertTrue(why.startsWith("RECEIPT_CHANGED"), why);
        given().get("/notices/" + id).then().body("status", equalTo("DELIVERED"));
    }

    @Test
    void aReceiptNoMinistryGaveIsRefused() {
        String id = submit("USA", "DEU", "NOTE_VERBALE", "ROUTINE");
        HopEvent dispatched = await(id, HopType.NOTICE_DISPATCHED);
        send(dispatched.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal(), Lane.ROUTINE);
        String why = deadLetterReason(id);
        assertTrue(why.startsWith("OUT_OF_TURN"), why);
        given().get("/notices/" + id).then().body("status", equalTo("IN_TRANSIT"));
    }

    @Test
    void anEmbassyReceiptForAHotlineAttemptIsRefused() {
        String id = submit("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH");
        HopEvent dispatched = await(id, HopType.NOTICE_DISPATCHED);
        send(dispatched.next(HopType.NOTICE_DELIVERED, "hotline", dispatched.to(), "ministry:RUS")
                .notice(dispatched.notice()).seal(), Lane.URGENT);
        HopEvent acknowledged = await(id, HopType.NOTICE_ACKNOWLEDGED);
        send(acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", "embassy:USA@RUS", "ministry:USA")
                .attempt(Channel.EMBASSY, 1).receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal(), Lane.URGENT);
        String why = deadLetterReason(id);
        assertTrue(why.startsWith("WRONG_CHANNEL"), why);
        given().get("/notices/" + id).then().body("status", equalTo("DELIVERED"));
    }

    @Test
    void aFailureFromAPartyTheAttemptNeverWentToIsRefused() {
        String id = submit("USA", "DEU", "NOTE_VERBALE", "ROUTINE");
        HopEvent dispatched = await(id, HopType.NOTICE_DISPATCHED);
        send(dispatched.next(HopType.NOTICE_FAILED, "embassy", "embassy:USA@FRA", "ministry:USA")
                .reason("no mission").seal(), Lane.ROUTINE);
        String why = deadLetterReason(id);
        assertTrue(why.startsWith("WRONG_PARTY"), why);
        given().get("/notices/" + id).then().body("status", equalTo("IN_TRANSIT"));
    }
}
