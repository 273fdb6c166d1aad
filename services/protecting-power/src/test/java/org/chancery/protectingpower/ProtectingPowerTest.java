package org.chancery.protectingpower;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
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
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.MandateStatus;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The protecting power against a real broker and database, with the test playing both ministries. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class ProtectingPowerTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The test's notices are PRIORITY: they travel in the routine lane. */
    static final String DISPATCH = HopTopic.DISPATCH_PROTECTING_POWER.in(Lane.ROUTINE);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TopicProbe probe;

    @BeforeEach
    void probe() {
        probe = TopicProbe.on(bootstrap, DELIVERY, DISPATCH, Topics.REGISTRY_MANDATES);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static HopEvent dispatch(String from, String to, String power) {
        Notice notice = Notice.of(from, to, NoticeKind.NOTE_VERBALE, Precedence.PRIORITY, Classification.CONFIDENTIAL,
                "Detained national", "The Government requests consular access.", null);
        String party = "protecting-power:" + power;
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:" + from, party, notice,
                List.of(new Route(Channel.PROTECTING_POWER, List.of(party, "interests-section:" + from + "@" + to),
                        "test")));
    }

    private void send(HopEvent hop) {
        TopicProbe.send(bootstrap, DISPATCH, hop.noticeId().toString(), HopEvents.toJson(TestKeys.sign(hop)),
                Map.of());
    }

    private HopEvent awaitHop(HopEvent parent, HopType type, String topic) {
        ConsumerRecord<String, String> record = probe.await(r -> parent.noticeId().toString().equals(r.key())
                && topic.equals(r.topic()) && type.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0);
        HopEvent hop = HopEvents.fromJson(record.value());
        assertEquals(parent.eventId(), hop.parentId());
        assertEquals("protecting-power", hop.service());
        return hop;
    }

    @Test
    void switzerlandRelaysForTheUnitedStatesInIranAndTheReceiptComesBackTheSameWay() {
        HopEvent dispatched = dispatch("USA", "IRN", "CHE");
        send(dispatched);
        HopEvent relayed = awaitHop(dispatched, HopType.NOTICE_RELAYED, DISPATCH);
        assertEquals("protecting-power:CHE", relayed.from());
        assertEquals("interests-section:USA@IRN", relayed.to());
        HopEvent delivered = awaitHop(relayed, HopType.NOTICE_DELIVERED, DELIVERY);
        assertEquals("ministry:IRN", delivered.to());
        assertEquals(3, delivered.hop());

        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:IRN",
                delivered.from()).receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
        send(acknowledged);
        HopEvent back = awaitHop(acknowledged, HopType.RECEIPT_RELAYED, DISPATCH);
        assertEquals("protecting-power:CHE", back.to());
        HopEvent receipt = awaitHop(back, HopType.RECEIPT_DELIVERED, DELIVERY);
        assertEquals("ministry:USA", receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    /** A notice handed to a third state that passes it straight on: a mediator, or a protecting power's channel. */
    private static HopEvent handTo(String from, String to, String party, Channel channel) {
        Notice notice = Notice.of(from, to, NoticeKind.NOTE_VERBALE, Precedence.PRIORITY, Classification.CONFIDENTIAL,
                "Indirect talks", "The Government proposes a further round.", null);
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:" + from, party, notice,
                List.of(new Route(channel, List.of(party), "test")));
    }

    @Test
    void omanPassesANoteFromWashingtonToTehranByItsGoodOfficesAndTheReceiptStraightBack() {
        HopEvent dispatched = handTo("USA", "IRN", "mediator:OMN", Channel.MEDIATOR);
        send(dispatched);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED, DELIVERY);
        assertEquals("mediator:OMN", delivered.from());
        assertEquals("ministry:IRN", delivered.to());
        assertEquals(Channel.MEDIATOR, delivered.channel());
        assertEquals(dispatched.notice(), delivered.notice());

        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:IRN",
                delivered.from()).receipt(ReceiptOutcome.ACKNOWLEDGED, null).notice(delivered.notice()).seal();
        send(acknowledged);
        HopEvent receipt = awaitHop(acknowledged, HopType.RECEIPT_DELIVERED, DELIVERY);
        assertEquals("mediator:OMN", receipt.from());
        assertEquals("ministry:USA", receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void switzerlandPassesIransMessageStraightToWashingtonButRelaysNothingForCanadaInNorthKorea() {
        HopEvent fromIran = handTo("IRN", "USA", "protecting-power:CHE", Channel.PROTECTING_POWER);
        send(fromIran);
        HopEvent delivered = awaitHop(fromIran, HopType.NOTICE_DELIVERED, DELIVERY);
        assertEquals("protecting-power:CHE", delivered.from());
        assertEquals("ministry:USA", delivered.to());

        HopEvent canada = dispatch("CAN", "PRK", "SWE");
        send(canada);
        String why = awaitHop(canada, HopType.NOTICE_FAILED, DELIVERY).reason();
        assertTrue(why.startsWith("SWE's mandate for CAN in PRK is consular only"), why);
    }

    @Test
    void aSummonedProtectingPowersAmbassadorPassesTheNoteHomeAndTheReceiptStraightBack() {
        // Iran calls in the Italian ambassador, who protects Canada's interests in Tehran.
        Notice summons = Notice.of("IRN", "CAN", NoticeKind.SUMMONS, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Summons", "The ambassador is requested to attend.", null);
        HopEvent dispatched = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:IRN",
                "protecting-power:ITA", summons,
                List.of(new Route(Channel.PROTECTING_POWER, List.of("protecting-power:ITA"), "summons")));
        send(dispatched);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED, DELIVERY);
        assertEquals("protecting-power:ITA", delivered.from());
        assertEquals("ministry:CAN", delivered.to());
        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:CAN",
                delivered.from()).receipt(ReceiptOutcome.ACKNOWLEDGED, null).notice(summons).seal();
        send(acknowledged);
        assertEquals("ministry:IRN", awaitHop(acknowledged, HopType.RECEIPT_DELIVERED, DELIVERY).to());

        // Switzerland protects no one's interests in Canada but Iran's: Canada cannot summon it for Germany.
        Notice elsewhere = Notice.of("CAN", "DEU", NoticeKind.SUMMONS, Precedence.ROUTINE,
                Classification.UNCLASSIFIED, "Summons", "The ambassador is requested to attend.", null);
        HopEvent wrong = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:CAN", "protecting-power:CHE",
                elsewhere, List.of(new Route(Channel.PROTECTING_POWER, List.of("protecting-power:CHE"), "summons")));
        send(wrong);
        String why = awaitHop(wrong, HopType.NOTICE_FAILED, DELIVERY).reason();
        assertTrue(why.startsWith("CHE holds no mandate for DEU in CAN, so its ambassador cannot be summoned"), why);
    }

    @Test
    void goodOfficesThatEndedOrWereNeverOfferedCarryNothing() {
        HopEvent algeria = handTo("USA", "IRN", "mediator:DZA", Channel.MEDIATOR);
        send(algeria);
        assertTrue(awaitHop(algeria, HopType.NOTICE_FAILED, DELIVERY).reason()
                .startsWith("DZA's good offices for USA in IRN are ended"));
        HopEvent qatar = handTo("USA", "IRN", "mediator:QAT", Channel.MEDIATOR);
        send(qatar);
        assertEquals("QAT holds no good offices for USA in IRN", awaitHop(qatar, HopType.NOTICE_FAILED, DELIVERY).reason());
    }

    @Test
    void aMandateThatNeverEnteredIntoForceCarriesNothing() {
        HopEvent dispatched = dispatch("USA", "VEN", "CHE");
        send(dispatched);
        HopEvent failed = awaitHop(dispatched, HopType.NOTICE_FAILED, DELIVERY);
        assertEquals("ministry:USA", failed.to());
        assertTrue(failed.reason().startsWith("CHE's mandate for USA in VEN is never in force"), failed.reason());
    }

    @Test
    void aMandateTheReceivingStateRejectedCarriesNothing() {
        HopEvent dispatched = dispatch("UKR", "RUS", "CHE");
        send(dispatched);
        assertTrue(awaitHop(dispatched, HopType.NOTICE_FAILED, DELIVERY).reason().contains("is rejected"));
    }

    @Test
    void aStateWithoutAMandateRelaysNothing() {
        HopEvent dispatched = dispatch("USA", "IRN", "SWE");
        send(dispatched);
        assertEquals("SWE holds no mandate for USA in IRN",
                awaitHop(dispatched, HopType.NOTICE_FAILED, DELIVERY).reason());
    }

    @Test
    void publishesTheMandatesWithTheirStatusAndSource() throws IOException {
        ConsumerRecord<String, String> record = probe.await(r -> "USA>IRN@CHE".equals(r.key()), 1, WAIT).get(0);
        Mandate mandate = new ObjectMapper().readValue(record.value(), Mandate.class);
        assertEquals(MandateStatus.IN_FORCE, mandate.status());
        assertEquals("1980-05-21", mandate.since());
        assertEquals("A", mandate.confidence());
        Mandate rejected = new ObjectMapper().readValue(probe.await(r -> "UKR>RUS@CHE".equals(r.key()), 1, WAIT)
                .get(0).value(), Mandate.class);
        assertEquals(MandateStatus.REJECTED, rejected.status());
        given().get("/q/health/ready").then().statusCode(200);
    }
}
