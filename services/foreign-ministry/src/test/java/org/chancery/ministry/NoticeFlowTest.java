package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.Channel;
import org.chancery.events.Digests;
import org.chancery.events.HopEvent;
import org.chancery.events.Notice;
import org.chancery.events.HopEvents;
import org.chancery.events.HopHash;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Party;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Topics;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ministry against a real broker and database, with the test playing the embassy: a
 * submitted notice leaves as its first hop; a delivered notice is acknowledged back by the same
 * channel; a delivered receipt closes the notice.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class NoticeFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The test's notices are ROUTINE: they travel in the routine lane. */
    static final String DISPATCH = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);
    static final String NOTICES = HopTopic.NOTICES.in(Lane.ROUTINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicProbe probe;

    @BeforeEach
    void probe() {
        Channels.publishRegistries(bootstrap);
        probe = TopicProbe.on(bootstrap, DISPATCH, NOTICES, Topics.DEAD_LETTER);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    static Response submit(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/notices");
    }

    static String notice(String from, String to) {
        return """
                {"from":"%s","to":"%s","kind":"NOTE_VERBALE","precedence":"ROUTINE",
                 "classification":"UNCLASSIFIED","subject":"State visit","body":"The Embassy presents its compliments."}
                """.formatted(from, to);
    }

    private HopEvent awaitHop(String noticeId, HopType type) {
        ConsumerRecord<String, String> record = probe.await(
                r -> noticeId.equals(r.key()) && type.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0);
        HopEvent hop = HopEvents.fromJson(record.value());
        assertEquals(hop.eventId().toString(), TopicProbe.header(record, "ce_id"));
        assertEquals(noticeId, TopicProbe.header(record, "ce_subject"));
        assertEquals("/chancery/foreign-ministry", TopicProbe.header(record, "ce_source"));
        assertEquals(hop.hash(), HopHash.of(HopEvents.readTree(record.value())));
        return hop;
    }

    private void deliver(HopEvent hop) {
        TopicProbe.send(bootstrap, DELIVERY, hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)),
                Map.of("ce_id", hop.eventId().toString(), "ce_type", hop.type().ceType()));
    }

    @Test
    void aSubmittedNoticeLeavesAsItsFirstHopAndClosesWhenTheReceiptIsBack() {
        Response accepted = submit(notice("USA", "DEU"));
        accepted.then().statusCode(202)
                .header("Location", matchesPattern(".*/notices/[0-9a-f-]{36}"))
                .body("status", equalTo("IN_TRANSIT"))
                .body("route.channel", equalTo("EMBASSY"))
                .body("route.planned[0].via[0]", equalTo("embassy:USA@DEU"));
        String id = accepted.jsonPath().getString("id");

        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        assertEquals(1, dispatched.hop());
        assertNull(dispatched.parentId());
        assertEquals(Channel.EMBASSY, dispatched.channel());
        assertEquals("ministry:USA", dispatched.from());
        assertEquals("embassy:USA@DEU", dispatched.to());
        String bag = dispatched.notice().body();
        assertTrue(bag.startsWith("bag-v1:DEU.1:") && !bag.contains("compliments"), bag);
        assertEquals(Digests.sha256Hex(bag), dispatched.notice().bodyDigest());
        assertEquals("The Embassy presents its compliments.",
                TestKeys.bag().open(dispatched.noticeId(), dispatched.notice()));

        HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:USA@DEU", "ministry:DEU")
                .notice(dispatched.notice()).seal();
        deliver(delivered);
        HopEvent acknowledged = awaitHop(id, HopType.NOTICE_ACKNOWLEDGED);
        assertEquals(delivered.eventId(), acknowledged.parentId());
        assertEquals(delivered.hash(), acknowledged.prevHash());
        assertEquals("ministry:DEU", acknowledged.from());
        assertEquals("embassy:USA@DEU", acknowledged.to());
        given().get("/notices/" + id).then().body("status", equalTo("DELIVERED"));
        given().get("/notices/" + id + "/receipt").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("No receipt yet"));

        deliver(acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", "embassy:USA@DEU", Party.ministry("USA"))
                .receipt(acknowledged.receipt(), null).seal());
        HopEvent recorded = awaitHop(id, HopType.RECEIPT_RECORDED);
        assertEquals(5, recorded.hop());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("statusHistory.status", hasItems("ACCEPTED", "IN_TRANSIT", "DELIVERED", "ACKNOWLEDGED"))
                .body("receipt.outcome", equalTo("ACKNOWLEDGED")));
        given().get("/notices/" + id + "/receipt").then().statusCode(200)
                .body("by", equalTo("DEU")).body("outcome", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void aReceiptOfThePreviousSchemaVersionIsStillRead() {
        String id = submit(notice("SWE", "CAN")).then().statusCode(202).extract().path("id");
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:SWE@CAN", "ministry:CAN")
                .notice(dispatched.notice()).seal();
        deliver(delivered);
        HopEvent acknowledged = awaitHop(id, HopType.NOTICE_ACKNOWLEDGED);
        ObjectNode v1 = (ObjectNode) HopEvents.toTree(acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy",
                "embassy:SWE@CAN", "ministry:SWE").seal());
        v1.put("schemaVersion", 1);
        v1.put("hash", HopHash.of(v1));
        // Its shape is version 1 (no receipt field); like every hop now, it is signed.
        TopicProbe.send(bootstrap, DELIVERY, id, HopEvents.toJson(TestKeys.sign(HopEvents.fromTree(v1))), Map.of());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, awaitHop(id, HopType.RECEIPT_RECORDED).receipt());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED")));
    }

    @Test
    void theExamplesInTheApiDescriptionWorkWhenPasted() {
        io.restassured.path.json.JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> examples = api.getMap(
                "paths.'/notices'.post.requestBody.content.'application/json'.examples");
        org.junit.jupiter.api.Assertions.assertEquals(4, examples.size(), examples::toString);
        for (Map<String, Object> example : examples.values()) {
            given().contentType(ContentType.JSON).body(example.get("value")).post("/notices").then().statusCode(202);
        }
    }

    @Test
    void aBodyOpenedOrSwappedOrANoticeChangedOnTheWayIsRefusedAndTheSealedOneIsReceivedOpened() {
        String id = submit(notice("USA", "DEU")).then().statusCode(202).extract().path("id");
        String other = submit(notice("USA", "DEU")).then().statusCode(202).extract().path("id");
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        Notice otherNotice = awaitHop(other, HopType.NOTICE_DISPATCHED).notice();
        Notice sealed = dispatched.notice();
        String text = "The Embassy presents its compliments.";
        Notice resubjected = new Notice(sealed.from(), sealed.to(), sealed.kind(), sealed.precedence(),
                sealed.classification(), "State visit cancelled", sealed.body(), sealed.bodyDigest(), sealed.deliverBy(),
                sealed.regime(), sealed.eventAt(), sealed.circular(), sealed.late(), sealed.reference(),
                sealed.inReplyTo(), sealed.references());
        Map<String, Notice> tampered = Map.of(
                "the body is not sealed", sealed.carrying(text, Digests.sha256Hex(text)),
                "not this notice's", sealed.carrying(otherNotice.body(), otherNotice.bodyDigest()),
                "the notice was changed", resubjected);
        tampered.forEach((reason, notice) -> {
            HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:USA@DEU", "ministry:DEU")
                    .notice(notice).seal();
            deliver(delivered);
            String why = TopicProbe.header(probe.await(r -> Topics.DEAD_LETTER.equals(r.topic())
                    && delivered.eventId().toString().equals(TopicProbe.header(r, "ce_id")), 1, WAIT).get(0),
                    "dead-letter-reason");
            assertTrue(why.startsWith("BAG_UNOPENED: ") && why.contains(reason), why);
        });
        assertEquals(0, probe.settle(r -> id.equals(r.key())
                && HopType.NOTICE_ACKNOWLEDGED.ceType().equals(TopicProbe.header(r, "ce_type")), Duration.ofSeconds(2))
                .size(), "a refused body is not received");

        deliver(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:USA@DEU", "ministry:DEU")
                .notice(sealed).seal());
        awaitHop(id, HopType.NOTICE_ACKNOWLEDGED);
        ReceivedNotice received = QuarkusTransaction.requiringNew()
                .call(() -> ReceivedNotice.<ReceivedNotice>findById(UUID.fromString(id)));
        assertEquals(text, received.content.body, "opened by the receiving ministry");
        assertEquals(sealed.bodyDigest(), received.content.bodyDigest);
    }

    @Test
    void aRedeliveredNoticeIsAcknowledgedOnce() {
        String id = submit(notice("ITA", "CHE")).then().statusCode(202).extract().path("id");
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:ITA@CHE", "ministry:CHE")
                .notice(dispatched.notice()).seal();
        deliver(delivered);
        deliver(delivered);
        deliver(delivered);
        awaitHop(id, HopType.NOTICE_ACKNOWLEDGED);
        List<ConsumerRecord<String, String>> acks = probe.settle(r -> id.equals(r.key())
                && HopType.NOTICE_ACKNOWLEDGED.ceType().equals(TopicProbe.header(r, "ce_type")), Duration.ofSeconds(3));
        assertEquals(1, acks.size());
    }

    @Test
    void twoCopiesOfAHopInOneBatchAreHandledOnce() {
        String id = submit(notice("ITA", "AUT")).then().statusCode(202).extract().path("id");
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:ITA@AUT", "ministry:AUT")
                .notice(dispatched.notice()).seal();
        HopEvent acknowledged = awaitAnswerTo(delivered);
        // The same record twice, back to back, as an outbox publishing again after a broker outage sends it.
        ProducerRecord<String, String> receipt = new ProducerRecord<>(DELIVERY, id, HopEvents.toJson(TestKeys.sign(
                acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", "embassy:ITA@AUT", Party.ministry("ITA"))
                        .receipt(acknowledged.receipt(), null).seal())));
        TopicProbe.sendAll(bootstrap, List.of(receipt, receipt));
        awaitHop(id, HopType.RECEIPT_RECORDED);
        assertEquals(1, probe.settle(r -> id.equals(r.key())
                && HopType.RECEIPT_RECORDED.ceType().equals(TopicProbe.header(r, "ce_type")), Duration.ofSeconds(3))
                .size(), "the receipt recorded once");
    }

    private HopEvent awaitAnswerTo(HopEvent delivered) {
        deliver(delivered);
        return awaitHop(delivered.noticeId().toString(), HopType.NOTICE_ACKNOWLEDGED);
    }

    @Test
    void aRecordThatIsNotAHopGoesToTheDeadLetterTopicAndTheNextIsProcessed() {
        String key = UUID.randomUUID().toString();
        TopicProbe.send(bootstrap, DELIVERY, key, "{not json", Map.of());
        ConsumerRecord<String, String> dead = probe.await(r -> key.equals(r.key())
                && Topics.DEAD_LETTER.equals(r.topic()), 1, WAIT).get(0);
        assertEquals("{not json", dead.value());
        assertEquals(DELIVERY, TopicProbe.header(dead, "dead-letter-topic"));
        assertTrue(TopicProbe.header(dead, "dead-letter-reason").startsWith("not a readable hop"));

        String id = submit(notice("GBR", "JPN")).then().statusCode(202).extract().path("id");
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
        deliver(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", "embassy:GBR@JPN", "ministry:JPN")
                .notice(dispatched.notice()).seal());
        awaitHop(id, HopType.NOTICE_ACKNOWLEDGED);
    }

    @Test
    void aPoisonHopGoesAloneToTheDeadLetterTopicAndTheRestOfItsBatchIsProcessed() {
        List<HopEvent> delivered = new ArrayList<>();
        for (String[] pair : List.of(new String[] {"JPN", "KOR"}, new String[] {"CAN", "MEX"}, new String[] {"IND", "JPN"})) {
            String id = submit(notice(pair[0], pair[1])).then().statusCode(202).extract().path("id");
            HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED);
            delivered.add(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), "ministry:" + pair[1])
                    .notice(dispatched.notice()).seal());
        }
        // A receipt for a notice no ministry here sent, sent together with the deliveries: one poll's batch.
        HopEvent stray = delivered.get(0).next(HopType.RECEIPT_DELIVERED, "embassy", "embassy:JPN@KOR", "ministry:JPN")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
        ObjectNode strayJson = (ObjectNode) HopEvents.toTree(stray);
        String strayNotice = UUID.randomUUID().toString();
        strayJson.put("noticeId", strayNotice);
        strayJson.put("hash", HopHash.of(strayJson));
        List<ProducerRecord<String, String>> batch = new ArrayList<>();
        batch.add(new ProducerRecord<>(DELIVERY, strayNotice,
                HopEvents.toJson(TestKeys.sign(HopEvents.fromTree(strayJson)))));
        delivered.forEach(hop -> batch.add(new ProducerRecord<>(DELIVERY,
                hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)))));
        TopicProbe.sendAll(bootstrap, batch);

        ConsumerRecord<String, String> dead = probe.await(r -> strayNotice.equals(r.key())
                && Topics.DEAD_LETTER.equals(r.topic()), 1, WAIT).get(0);
        assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("which no ministry here sent"), TopicProbe.header(dead, "dead-letter-reason"));
        for (HopEvent hop : delivered) {
            awaitHop(hop.noticeId().toString(), HopType.NOTICE_ACKNOWLEDGED);
            await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + hop.noticeId()).then()
                    .body("status", equalTo("DELIVERED")));
        }
        assertEquals(1, probe.settle(r -> strayNotice.equals(r.key()), Duration.ofSeconds(2)).size());
    }
}
