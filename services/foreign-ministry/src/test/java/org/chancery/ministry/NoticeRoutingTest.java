package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Topics;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.chancery.ministry.domain.ReferenceData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Planning, re-routing, escalation and deadlines, against a real broker and database, with the
 * test playing the channels.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class NoticeRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicProbe probe;
    /** The lane each notice of the test travels in, as its first hop showed. */
    final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    @BeforeEach
    void probe() {
        Channels.publishRegistries(bootstrap);
        probe = TopicProbe.on(bootstrap, Stream.of(HopTopic.DISPATCH_EMBASSY, HopTopic.DISPATCH_HOTLINE,
                        HopTopic.DISPATCH_PROTECTING_POWER, HopTopic.NOTICES)
                .flatMap(step -> Stream.of(Lane.values()).map(step::in)).toArray(String[]::new));
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static String submit(String from, String to, String kind, String precedence, Instant deliverBy) {
        String body = """
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","subject":"s","body":"b"%s}
                """.formatted(from, to, kind, precedence, deliverBy == null ? "" : ",\"deliverBy\":\"" + deliverBy + "\"");
        return given().contentType(ContentType.JSON).body(body).post("/notices").then().statusCode(202)
                .extract().path("id");
    }

    private HopEvent awaitHop(String noticeId, HopType type, int attempt) {
        ConsumerRecord<String, String> record = probe.await(r -> noticeId.equals(r.key())
                && type.ceType().equals(TopicProbe.header(r, "ce_type"))
                && HopEvents.fromJson(r.value()).attempt() == attempt, 1, WAIT).get(0);
        lanes.put(noticeId, Lane.ofTopic(record.topic()));
        return HopEvents.fromJson(record.value());
    }

    /** The ministry's answer to a delivered notice, on the channel's topic in the notice's lane. */
    private HopEvent awaitAnswer(String noticeId, HopTopic channel, HopType type) {
        ConsumerRecord<String, String> record = probe.await(r -> noticeId.equals(r.key())
                && type.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0);
        assertEquals(channel.in(lanes.get(noticeId)), record.topic());
        return HopEvents.fromJson(record.value());
    }

    /** A channel's report, in the lane the notice travels in. */
    private void report(HopEvent hop) {
        TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(lanes.get(hop.noticeId().toString())),
                hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }

    private static HopEvent failed(HopEvent dispatch, String why) {
        return dispatch.next(HopType.NOTICE_FAILED, dispatch.channel().service(), dispatch.to(),
                dispatch.from()).reason(why).seal();
    }

    @Test
    void routesArePreviewedWithTheirFallbacksAndWhyOthersAreOut() {
        given().get("/routes?from=USA&to=RUS&kind=DECONFLICTION_NOTICE&precedence=FLASH").then().statusCode(200)
                .body("deliverable", equalTo(true))
                .body("routes.channel", contains("HOTLINE", "HOTLINE", "EMBASSY"))
                .body("routes[0].via[0]", equalTo("hotline:US-RU-EUCOM-NDMC"))
                // Each route names the sourced facts it rests on.
                .body("grounds[2].grade", hasItem("A"))
                .body("relation.status", equalTo("DIPLOMATIC"));
        given().get("/routes?from=USA&to=IRN").then().statusCode(200)
                .body("routes[0].via", contains("protecting-power:CHE", "interests-section:USA@IRN"));
        // Under the 1988 launch agreement, its line first though the notice is ROUTINE.
        given().get("/routes?from=USA&to=RUS&kind=TREATY_NOTIFICATION&precedence=ROUTINE&regime=BMLNA-1988").then()
                .statusCode(200).body("routes[0].via[0]", equalTo("hotline:US-RU-NRRC"));
        given().get("/routes?from=RUS&to=UKR").then().statusCode(200)
                .body("routes[0].via", contains("mission:RUS@UN", "mission:UKR@UN"))
                .body("unavailable", hasItem(containsString("relations severed since 2022-02-24")));
        given().get("/routes?from=ISR&to=IRN").then().statusCode(200)
                .body("deliverable", equalTo(false))
                .body("relation.status", equalTo("NOT_RECOGNISED"))
                .body("relation.notRecognisedBy", contains("IRN"));
        // A regime in doubt says so.
        given().get("/routes?from=IND&to=PAK&kind=TREATY_NOTIFICATION&regime=IN-PK-BM-2005").then().statusCode(200)
                .body("cautions[0]", containsString("abeyance"));
        given().get("/routes?from=USA").then().statusCode(400).contentType("application/problem+json");
        given().get("/routes?from=USA&to=DEU&kind=TELEGRAM").then().statusCode(400)
                .body("detail", containsString("'TELEGRAM' is not one of"));
        given().get("/routes?from=USA&to=ATL").then().statusCode(422);
    }

    @Test
    void aNoticeNoOfficialChannelCanCarryIsRefusedWithTheFactAndItsSource() {
        given().contentType(ContentType.JSON)
                .body("{\"from\":\"TUR\",\"to\":\"CYP\",\"kind\":\"NOTE_VERBALE\",\"subject\":\"s\",\"body\":\"b\"}")
                .post("/notices").then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("No official channel"))
                .body("detail", containsString("TUR does not recognise CYP: CYP-TUR: 'Turkey recognises only the TRNC'"))
                .body("detail", containsString("no-relations.tsv"));
    }

    @Test
    void aFailedRouteIsReplacedByTheNextUntilOneDelivers() {
        String id = submit("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH", null);
        HopEvent first = awaitHop(id, HopType.NOTICE_DISPATCHED, 1);
        assertEquals("hotline:US-RU-EUCOM-NDMC", first.to());
        report(failed(first, "line down"));
        HopEvent second = awaitHop(id, HopType.NOTICE_DISPATCHED, 2);
        assertEquals("hotline:US-RU-MILMIL-HIGH", second.to());
        assertTrue(second.reason().contains("line down"), second.reason());
        report(failed(second, "not answering"));
        HopEvent third = awaitHop(id, HopType.NOTICE_DISPATCHED, 3);
        assertEquals(Channel.EMBASSY, third.channel());
        assertEquals("embassy:USA@RUS", third.to());

        HopEvent delivered = third.next(HopType.NOTICE_DELIVERED, "embassy", third.to(), "ministry:RUS")
                .notice(third.notice()).seal();
        report(delivered);
        HopEvent ack = awaitAnswer(id, HopTopic.DISPATCH_EMBASSY, HopType.NOTICE_ACKNOWLEDGED);
        report(ack.next(HopType.RECEIPT_DELIVERED, "embassy", third.to(), "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("route.channel", equalTo("EMBASSY"))
                .body("route.attempts.state", contains("FAILED", "FAILED", "ACKNOWLEDGED"))
                .body("route.attempts[0].reason", equalTo("line down")));
    }

    @Test
    void whenEveryRouteFailsTheNoticeFailsWithTheReason() {
        String id = submit("USA", "IRN", "NOTE_VERBALE", "ROUTINE", null);
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED, 1);
        assertEquals(Channel.PROTECTING_POWER, dispatched.channel());
        report(failed(dispatched, "mandate suspended"));
        // Then the New York channel, the last route of the plan.
        HopEvent newYork = awaitHop(id, HopType.NOTICE_DISPATCHED, 2);
        assertEquals("mission:USA@UN", newYork.to());
        report(failed(newYork, "the mission did not take the note"));
        HopEvent undeliverable = awaitHop(id, HopType.NOTICE_UNDELIVERABLE, 2);
        assertTrue(undeliverable.reason().endsWith("the last: the mission did not take the note"), undeliverable.reason());
        given().get("/notices/" + id).then().body("route.attempts.reason",
                contains("mandate suspended", "the mission did not take the note"));
        given().get("/notices/" + id).then().body("status", equalTo("FAILED"))
                .body("failureReason", containsString("every planned route failed"));
    }

    @Test
    void aNoteThatAllowsAMediatorGoesByItsGoodOfficesOnlyWhenEveryOfficialRouteFailed() {
        given().get("/routes?from=USA&to=IRN&allowMediator=true").then().statusCode(200)
                .body("routes.channel", contains("PROTECTING_POWER", "EMBASSY", "MEDIATOR"))
                .body("routes[2].informal", equalTo(true))
                .body("routes[0].informal", equalTo(null));
        String id = given().contentType(ContentType.JSON).body("""
                {"from":"USA","to":"IRN","kind":"NOTE_VERBALE","subject":"s","body":"b","allowMediator":true}
                """).post("/notices").then().statusCode(202).extract().path("id");
        report(failed(awaitHop(id, HopType.NOTICE_DISPATCHED, 1), "mandate suspended"));
        report(failed(awaitHop(id, HopType.NOTICE_DISPATCHED, 2), "the mission did not take the note"));
        HopEvent mediated = awaitHop(id, HopType.NOTICE_DISPATCHED, 3);
        assertEquals(Channel.MEDIATOR, mediated.channel());
        assertEquals("mediator:OMN", mediated.to());
        assertEquals(Boolean.TRUE, mediated.plan().get(2).informal());

        // Iran's ministry answers the mediator; its answer carries the notice, for the mediator to know whose it is.
        report(mediated.next(HopType.NOTICE_DELIVERED, "protecting-power", "mediator:OMN", "ministry:IRN")
                .notice(mediated.notice()).seal());
        HopEvent answer = awaitAnswer(id, HopTopic.DISPATCH_PROTECTING_POWER, HopType.NOTICE_ACKNOWLEDGED);
        assertEquals("mediator:OMN", answer.to());
        assertEquals(mediated.notice(), answer.notice());
        report(answer.next(HopType.RECEIPT_DELIVERED, "protecting-power", "mediator:OMN", "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED")).body("route.channel", equalTo("MEDIATOR"))
                .body("route.planned[2].informal", equalTo(true)));
    }

    @Test
    void aRouteWithoutReceiptIsEscalatedAndAMissedDeadlineIsReportedOverdue() {
        Instant deadline = Instant.now().plusSeconds(6);
        String id = submit("USA", "RUS", "LEADER_MESSAGE", "IMMEDIATE", deadline);
        HopEvent first = awaitHop(id, HopType.NOTICE_DISPATCHED, 1);
        assertEquals("hotline:US-RU-DCL", first.to());
        HopEvent escalated = awaitHop(id, HopType.NOTICE_DISPATCHED, 2);
        assertEquals("embassy:USA@RUS", escalated.to());
        assertEquals(first.eventId(), escalated.parentId());
        assertTrue(escalated.reason().startsWith("escalated"), escalated.reason());
        assertTrue(!escalated.at().isBefore(first.at().plusSeconds(2)), "escalated at half the time left");

        HopEvent overdue = awaitHop(id, HopType.NOTICE_OVERDUE, 2);
        assertTrue(!overdue.at().isBefore(deadline), overdue.at() + " before " + deadline);
        given().get("/notices/" + id).then().body("status", equalTo("OVERDUE"))
                .body("statusHistory.status", hasItem("OVERDUE"))
                .body("route.attempts", hasSize(2));

        HopEvent delivered = escalated.next(HopType.NOTICE_DELIVERED, "embassy", escalated.to(), "ministry:RUS")
                .notice(escalated.notice()).seal();
        report(delivered);
        HopEvent ack = awaitAnswer(id, HopTopic.DISPATCH_EMBASSY, HopType.NOTICE_ACKNOWLEDGED);
        report(ack.next(HopType.RECEIPT_DELIVERED, "embassy", escalated.to(), "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED")));
    }

    @Test
    void aReturnedNoteComesBackRejectedWithTheReason() {
        String id = submit("CHE", "ITA", "DEMARCHE", "PRIORITY", null);
        HopEvent dispatched = awaitHop(id, HopType.NOTICE_DISPATCHED, 1);
        report(dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), "ministry:ITA")
                .notice(dispatched.notice()).seal());
        HopEvent rejected = awaitAnswer(id, HopTopic.DISPATCH_EMBASSY, HopType.NOTICE_REJECTED);
        assertEquals(ReceiptOutcome.REJECTED, rejected.receipt());
        assertEquals("the Ministry does not accept this démarche", rejected.reason());
        report(rejected.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), "ministry:CHE")
                .receipt(ReceiptOutcome.REJECTED, rejected.reason()).seal());
        HopEvent recorded = awaitHop(id, HopType.RECEIPT_RECORDED, 1);
        assertEquals(ReceiptOutcome.REJECTED, recorded.receipt());
        await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + id).then()
                .body("status", equalTo("REJECTED"))
                .body("receipt.outcome", equalTo("REJECTED"))
                .body("receipt.reason", equalTo("the Ministry does not accept this démarche")));
    }

    @Test
    void aHotlineDeclaredDownReachesPlanningAsAnEvent() {
        TopicProbe.sendAll(bootstrap, List.of(Channels.record(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO",
                ReferenceData.hotline("IN-PK-DGMO")
                        .withStatus(org.chancery.events.registry.LinkStatus.DOWN, "cut", Instant.now()))));
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/routes?from=IND&to=PAK&kind=DECONFLICTION_NOTICE&precedence=FLASH").then()
                .body("routes.channel", contains("EMBASSY"))
                .body("unavailable", hasItem(startsWith("hotline: IN-PK-DGMO is down (cut), as of "))));
        TopicProbe.sendAll(bootstrap, List.of(Channels.record(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO",
                ReferenceData.hotline("IN-PK-DGMO"))));
        await().atMost(WAIT).untilAsserted(() -> given()
                .get("/routes?from=IND&to=PAK&kind=DECONFLICTION_NOTICE&precedence=FLASH").then()
                .body("routes.channel", contains("HOTLINE", "EMBASSY")));
    }

    @Test
    void aRegistryRecordNotSignedByTheServiceThatOwnsItIsSetAsideAndChangesNoRoute() {
        String down = Channels.record(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO", ReferenceData.hotline("IN-PK-DGMO")
                .withStatus(org.chancery.events.registry.LinkStatus.DOWN, "forged", Instant.now())).value();
        ProducerRecord<String, String> unsigned = new ProducerRecord<>(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO", down);
        ProducerRecord<String, String> foreignKey = new ProducerRecord<>(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO", down);
        String version = Instant.now().toString();
        foreignKey.headers().add(RegistrySignature.VERSION_HEADER, version.getBytes(StandardCharsets.UTF_8));
        foreignKey.headers().add(RegistrySignature.HEADER, new HopSigner(Ed25519Keys.generate().getPrivate())
                .signRecord(Topics.REGISTRY_HOTLINES, "IN-PK-DGMO", version, down).getBytes(StandardCharsets.US_ASCII));
        // A genuine signature of another record (the same line on the missions topic) replayed here.
        ProducerRecord<String, String> elsewhere = TestKeys.signRecord(new ProducerRecord<>(Topics.REGISTRY_MISSIONS,
                "IN-PK-DGMO", down));
        ProducerRecord<String, String> replayed = new ProducerRecord<>(Topics.REGISTRY_HOTLINES, null, "IN-PK-DGMO", down,
                elsewhere.headers());
        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, Topics.DEAD_LETTER)) {
            TopicProbe.sendAll(bootstrap, List.of(unsigned, foreignKey, replayed));
            List<String> reasons = deadLetters.await(r -> "IN-PK-DGMO".equals(r.key())
                    && TopicProbe.header(r, "dead-letter-reason").startsWith("not a registry record"), 3, WAIT).stream()
                    .map(r -> TopicProbe.header(r, "dead-letter-reason")).toList();
            assertEquals(List.of("not a registry record of hotline: UNSIGNED", "not a registry record of hotline: FORGED",
                    "not a registry record of hotline: FORGED"), reasons);
        }
        given().get("/routes?from=IND&to=PAK&kind=DECONFLICTION_NOTICE&precedence=FLASH").then()
                .body("routes.channel", contains("HOTLINE", "EMBASSY"));
    }

    /** An old DOWN written again after the UP that followed it: a holder of the hotline's broker password could. */
    @Test
    void aGenuineRecordReplayedAfterANewerOneIsSetAsideAndChangesNoRoute() {
        String line = "IN-PK-DGMO";
        Instant earlier = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String downValue = Channels.record(Topics.REGISTRY_HOTLINES, line, ReferenceData.hotline(line)
                .withStatus(org.chancery.events.registry.LinkStatus.DOWN, "cut", earlier)).value();
        ProducerRecord<String, String> down = TestKeys.signRecord(
                new ProducerRecord<>(Topics.REGISTRY_HOTLINES, line, downValue), earlier);
        ProducerRecord<String, String> up = TestKeys.signRecord(new ProducerRecord<>(Topics.REGISTRY_HOTLINES, line,
                Channels.record(Topics.REGISTRY_HOTLINES, line, ReferenceData.hotline(line)).value()),
                earlier.plusMillis(1));
        ProducerRecord<String, String> replayed = new ProducerRecord<>(Topics.REGISTRY_HOTLINES, null, line, downValue,
                down.headers());
        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, Topics.DEAD_LETTER)) {
            TopicProbe.sendAll(bootstrap, List.of(down, up, replayed));
            // The probe reads the topic from its beginning: earlier tests set records of this line aside too.
            List<String> reasons = deadLetters.await(r -> line.equals(r.key())
                    && TopicProbe.header(r, "dead-letter-reason").startsWith("an older version"), 1, WAIT).stream()
                    .map(r -> TopicProbe.header(r, "dead-letter-reason")).toList();
            assertEquals(List.of("an older version of " + line + " (" + earlier + ") than the one read before ("
                    + earlier.plusMillis(1) + "): replayed"), reasons);
        }
        given().get("/routes?from=IND&to=PAK&kind=DECONFLICTION_NOTICE&precedence=FLASH").then()
                .body("routes.channel", contains("HOTLINE", "EMBASSY"));
    }
}
