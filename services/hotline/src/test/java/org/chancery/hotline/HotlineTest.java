package org.chancery.hotline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.LinkStatus;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.messaging.StartHeapRelease;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hotline against a real broker and database, with the test playing the ministries and the operator. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class HotlineTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The test's notices are FLASH: they travel in the urgent lane. */
    static final String DISPATCH = HopTopic.DISPATCH_HOTLINE.in(Lane.URGENT);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.URGENT);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    StartHeapRelease startHeap;

    TopicProbe probe;

    @BeforeEach
    void probe() {
        probe = TopicProbe.on(bootstrap, DELIVERY, Topics.REGISTRY_HOTLINES);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void theHeapOfTheStartIsGivenBackOnceTheServiceIsReady() {
        await().atMost(WAIT).until(startHeap::released);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static HopEvent dispatch(String from, String to, String line) {
        Notice notice = Notice.of(from, to, NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH,
                Classification.UNCLASSIFIED, "Flight into Kyiv", "We are flying into Kyiv in a few hours.", null);
        String party = "hotline:" + line;
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:" + from, party, notice,
                List.of(new Route(Channel.HOTLINE, List.of(party), "test")));
    }

    private void send(HopEvent hop) {
        TopicProbe.send(bootstrap, DISPATCH, hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }

    private HopEvent awaitHop(HopEvent parent, HopType type) {
        ConsumerRecord<String, String> record = probe.await(r -> parent.noticeId().toString().equals(r.key())
                && type.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0);
        HopEvent hop = HopEvents.fromJson(record.value());
        assertEquals(parent.eventId(), hop.parentId());
        assertEquals("hotline", hop.service());
        return hop;
    }

    private Hotline awaitLine(String id, LinkStatus status) {
        List<ConsumerRecord<String, String>> records = probe.await(r -> id.equals(r.key()) && r.value() != null
                && read(r.value()).status() == status, 1, WAIT);
        return read(records.get(records.size() - 1).value());
    }

    private static Hotline read(String json) {
        try {
            return new ObjectMapper().findAndRegisterModules().readValue(json, Hotline.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void declare(String line, String status, String note) {
        given().contentType(ContentType.JSON).body(Map.of("status", status, "note", note))
                .put("/hotlines/" + line + "/status").then().statusCode(200).body("status", equalTo(status));
    }

    @Test
    void publishesEveryLineWithItsStatusAndSources() {
        Hotline dcl = awaitLine("US-RU-DCL", LinkStatus.UP);
        assertEquals(List.of("USA", "RUS"), dcl.parties());
        assertTrue(dcl.sources().stream().anyMatch(s -> s.contains("FRUS")), dcl.sources()::toString);
        Hotline korea = awaitLine("KR-KP-LIAISON", LinkStatus.NOT_ANSWERING);
        assertTrue(korea.statusNote().contains("2023-04-07"));
        given().get("/hotlines").then().statusCode(200).body("id", hasItem("IN-PK-DGMO"));
    }

    @Test
    void aLineThatIsUpDeliversAtOnceAndCarriesTheReceiptBack() {
        putThroughAndBack("USA", "RUS", "US-RU-EUCOM-NDMC", "hotline:US-RU-EUCOM-NDMC");
    }

    /** A notice put through on a line, delivered by {@code deliveredBy}, and its receipt carried back to the sender. */
    private void putThroughAndBack(String from, String to, String line, String deliveredBy) {
        HopEvent dispatched = dispatch(from, to, line);
        send(dispatched);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED);
        assertEquals(deliveredBy, delivered.from());
        assertEquals("ministry:" + to, delivered.to());

        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:" + to,
                delivered.from()).receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
        send(acknowledged);
        HopEvent receipt = awaitHop(acknowledged, HopType.RECEIPT_DELIVERED);
        assertEquals("ministry:" + from, receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void aNetworkDeliversFromTheSendersNodeAndTheReceiptGoesBackThroughIt() {
        // The OSCE Communications Network links any two of its 57 participating States.
        putThroughAndBack("DEU", "ITA", "OSCE-CN", "hotline:OSCE-CN@DEU");
        // Japan takes no part in the OSCE: the network does not link it.
        HopEvent outside = dispatch("DEU", "JPN", "OSCE-CN");
        send(outside);
        assertEquals("JPN is not on the OSCE Communications Network", awaitHop(outside, HopType.NOTICE_FAILED).reason());
        Hotline network = awaitLine("OSCE-CN", LinkStatus.UP);
        assertEquals(57, network.parties().size());
    }

    @Test
    void aLineWhoseStatusIsUnknownCarriesNothingAndSaysAsOfWhen() {
        // The India-Pakistan foreign secretaries' line, agreed in 2004: no source shows it was built.
        Hotline secretaries = awaitLine("IN-PK-FS", LinkStatus.UNKNOWN);
        assertEquals("2004-06-20", secretaries.statusAsOf());
        HopEvent dispatched = dispatch("IND", "PAK", "IN-PK-FS");
        send(dispatched);
        assertTrue(awaitHop(dispatched, HopType.NOTICE_FAILED).reason().contains("is unknown: agreed in June 2004"));
    }

    @Test
    void aLineTheOperatorDeclaresDownFailsNoticesAndTheChangeIsPublished() {
        declare("US-RU-SYR-DECONF", "DOWN", "ground line cut");
        Hotline down = awaitLine("US-RU-SYR-DECONF", LinkStatus.DOWN);
        assertEquals("ground line cut", down.statusNote());

        HopEvent dispatched = dispatch("USA", "RUS", "US-RU-SYR-DECONF");
        send(dispatched);
        HopEvent failed = awaitHop(dispatched, HopType.NOTICE_FAILED);
        assertEquals("ministry:USA", failed.to());
        assertTrue(failed.reason().endsWith("is down: ground line cut"), failed.reason());

        declare("US-RU-SYR-DECONF", "UP", "repaired");
        awaitLine("US-RU-SYR-DECONF", LinkStatus.UP);
        HopEvent again = dispatch("USA", "RUS", "US-RU-SYR-DECONF");
        send(again);
        awaitHop(again, HopType.NOTICE_DELIVERED);
    }

    @Test
    void aLineBetweenOtherStatesFailsTheNotice() {
        HopEvent dispatched = dispatch("USA", "CHN", "US-RU-DCL");
        send(dispatched);
        assertTrue(awaitHop(dispatched, HopType.NOTICE_FAILED).reason().contains("links USA and RUS, not USA and CHN"));
    }

    @Test
    void aCallNobodyAnswersFailsAfterTheAnswerTimeout() {
        HopEvent dispatched = dispatch("KOR", "PRK", "KR-KP-LIAISON");
        send(dispatched);
        HopEvent failed = awaitHop(dispatched, HopType.NOTICE_FAILED);
        assertTrue(failed.reason().startsWith("not answered within 4 s"), failed.reason());
        assertTrue(Duration.between(dispatched.at(), failed.at()).toMillis() >= 4000);
    }

    @Test
    void aRingingCallIsDeliveredWhenTheLineComesUp() {
        HopEvent dispatched = dispatch("PRK", "KOR", "KR-KP-LIAISON");
        send(dispatched);
        try {
            given().get("/hotlines/KR-KP-LIAISON").then().body("status", equalTo("NOT_ANSWERING"));
            declare("KR-KP-LIAISON", "UP", "the North answered");
            assertEquals("ministry:KOR", awaitHop(dispatched, HopType.NOTICE_DELIVERED).to());
        } finally {
            declare("KR-KP-LIAISON", "NOT_ANSWERING", "the North has not answered since 2023-04-07");
        }
    }

    @Test
    void operatorRequestsAreChecked() {
        given().contentType(ContentType.JSON).body(Map.of("status", "DOWN"))
                .put("/hotlines/NO-SUCH-LINE/status").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("No such line"));
        given().contentType(ContentType.JSON).body("{\"status\":\"BROKEN\"}")
                .put("/hotlines/US-RU-DCL/status").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}")
                .put("/hotlines/US-RU-DCL/status").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void onlyTheOperatorDeclaresALineUpOrDown() {
        String body = "{\"status\":\"DOWN\",\"note\":\"test\"}";
        given().noFilters().contentType(ContentType.JSON).body(body).put("/hotlines/US-RU-DCL/status").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        for (String token : List.of(TestKeys.tokens().ministry("USA", Duration.ofHours(1)),
                TestKeys.tokens().auditor(Duration.ofHours(1)))) {
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                    .put("/hotlines/US-RU-DCL/status").then().statusCode(403).contentType("application/problem+json");
        }
        given().noFilters().get("/hotlines").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestKeys.tokens().ministry("USA", Duration.ofHours(1)))
                .get("/hotlines").then().statusCode(200);
        given().get("/hotlines/US-RU-DCL").then().statusCode(200).body("status", org.hamcrest.Matchers.not("DOWN"));
    }

    /**
     * Whoever holds the hotline's broker password writes under a line's key: a record the hotline
     * did not sign, then the hotline's own record replayed after a newer one. Each time the hotline
     * publishes the line again, newer, so that compaction keeps the hotline's record, not theirs.
     */
    @Test
    void aRecordUnderALinesKeyThatIsNotTheHotlinesLatestIsAnsweredWithTheLineAgain() {
        String line = "US-RU-DCL";
        List<ConsumerRecord<String, String>> published = probe.await(r -> isLine(r, line), 1, WAIT);
        ConsumerRecord<String, String> old = published.get(published.size() - 1);

        Instant forgedAt = Instant.now();
        TopicProbe.send(bootstrap, Topics.REGISTRY_HOTLINES, line, "{\"id\":\"" + line + "\",\"status\":\"DOWN\"}",
                Map.of());
        ConsumerRecord<String, String> again = probe.await(r -> isLine(r, line) && version(r).isAfter(forgedAt), 1, WAIT)
                .get(0);
        assertEquals(line, read(again.value()).id(), again.value());

        TopicProbe.sendAll(bootstrap, List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(
                Topics.REGISTRY_HOTLINES, null, line, old.value(), old.headers())));
        probe.await(r -> isLine(r, line) && version(r).isAfter(version(again)), 1, WAIT);
    }

    private static boolean isLine(ConsumerRecord<String, String> record, String line) {
        return Topics.REGISTRY_HOTLINES.equals(record.topic()) && line.equals(record.key())
                && TopicProbe.header(record, RegistrySignature.HEADER) != null
                && TopicProbe.header(record, RegistrySignature.VERSION_HEADER) != null;
    }

    private static Instant version(ConsumerRecord<String, String> record) {
        return Instant.parse(TopicProbe.header(record, RegistrySignature.VERSION_HEADER));
    }
}
