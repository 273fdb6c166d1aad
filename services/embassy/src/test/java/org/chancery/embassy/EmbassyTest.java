package org.chancery.embassy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopHash;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.messaging.RegistryGuard;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.messaging.StatePublisher;
import org.chancery.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.chancery.testkit.BrokerClients;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The embassy against a real broker and database, with the test playing both ministries. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class EmbassyTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Most of the test's notices are ROUTINE: they travel in the routine lane. */
    static final String DISPATCH = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Missions missions;

    @Inject
    StatePublisher publisher;

    @Inject
    Outbox outbox;

    @Inject
    RegistryGuard guard;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    javax.sql.DataSource database;

    TopicProbe probe;

    @BeforeEach
    void probe() {
        probe = TopicProbe.on(bootstrap, DELIVERY, HopTopic.DELIVERY.in(Lane.URGENT), Topics.DEAD_LETTER, DISPATCH);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    private static HopEvent dispatched(String from, String to) {
        Notice notice = Notice.of(from, to, NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Consultations", "The Ministry presents its compliments.", null);
        String embassy = Party.embassy(from, to);
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", Party.ministry(from), embassy, notice,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "resident embassy")));
    }

    private void dispatch(HopEvent hop) {
        dispatch(hop, Lane.ROUTINE);
    }

    private void dispatch(HopEvent hop, Lane lane) {
        TopicProbe.send(bootstrap, HopTopic.DISPATCH_EMBASSY.in(lane), hop.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop)), Map.of());
    }

    private HopEvent awaitHop(HopEvent parent, HopType type) {
        return awaitHop(parent, type, Lane.ROUTINE);
    }

    /** The hop that follows {@code parent}, in the lane it was sent in. */
    private HopEvent awaitHop(HopEvent parent, HopType type, Lane lane) {
        return awaitHop(parent, type, HopTopic.DELIVERY.in(lane));
    }

    private HopEvent awaitHop(HopEvent parent, HopType type, String topic) {
        ConsumerRecord<String, String> record = probe.await(r -> parent.noticeId().toString().equals(r.key())
                && parent.eventId().equals(parentOf(r)) && type.ceType().equals(TopicProbe.header(r, "ce_type")),
                1, WAIT).get(0);
        assertEquals(topic, record.topic());
        HopEvent hop = HopEvents.fromJson(record.value());
        assertEquals(hop.hash(), HopHash.of(HopEvents.readTree(record.value())));
        assertEquals(parent.eventId(), hop.parentId());
        assertEquals(parent.hash(), hop.prevHash());
        assertEquals(parent.hop() + 1, hop.hop());
        assertEquals("embassy", hop.service());
        assertEquals("/chancery/embassy", TopicProbe.header(record, "ce_source"));
        return hop;
    }

    /** The parent of the hop a record holds; null for anything that is not a readable hop. */
    private static UUID parentOf(ConsumerRecord<String, String> record) {
        try {
            return HopEvents.fromJson(record.value()).parentId();
        } catch (RuntimeException notAHop) {
            return null;
        }
    }

    /**
     * Two missions side by side: the sender's takes the note and hands it to the receiver's, which takes it
     * to its ministry; the receipt, carrying the notice, comes back the same way.
     */
    private void handedAcrossAndBack(String from, String to, String sendersMission, String receiversMission) {
        Notice notice = dispatched(from, to).notice();
        HopEvent dispatched = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:" + from, sendersMission,
                notice, List.of(new Route(Channel.EMBASSY, List.of(sendersMission, receiversMission), "side by side")));
        dispatch(dispatched);
        HopEvent relayed = awaitHop(dispatched, HopType.NOTICE_RELAYED, DISPATCH);
        assertEquals(receiversMission, relayed.to());
        HopEvent delivered = awaitHop(relayed, HopType.NOTICE_DELIVERED);
        assertEquals(receiversMission, delivered.from());
        assertEquals("ministry:" + to, delivered.to());

        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:" + to,
                receiversMission).notice(notice).seal();
        dispatch(acknowledged);
        HopEvent receiptRelayed = awaitHop(acknowledged, HopType.RECEIPT_RELAYED, DISPATCH);
        assertEquals(sendersMission, receiptRelayed.to());
        HopEvent receipt = awaitHop(receiptRelayed, HopType.RECEIPT_DELIVERED);
        assertEquals("ministry:" + from, receipt.to());
    }

    @Test
    void theNewYorkChannelGoesFromMissionToMissionAndTheReceiptComesBackTheSameWay() {
        handedAcrossAndBack("TUV", "BTN", "mission:TUV@UN", "mission:BTN@UN");
    }

    @Test
    void aThirdCapitalHandsTheNoteFromEmbassyToEmbassyAndTheReceiptBack() {
        // Japan protests to North Korea through the two embassies in Beijing (research rows channels:1a..1e).
        handedAcrossAndBack("JPN", "PRK", "embassy:JPN@CHN", "embassy:PRK@CHN");
        // Where no source shows notes passing in a capital, an embassy there is no channel for them.
        Notice elsewhere = dispatched("JPN", "PRK").notice();
        HopEvent inMoscow = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:JPN", "embassy:JPN@RUS",
                elsewhere, List.of(new Route(Channel.EMBASSY, List.of("embassy:JPN@RUS", "embassy:PRK@RUS"), "Moscow")));
        dispatch(inMoscow);
        assertTrue(awaitHop(inMoscow, HopType.NOTICE_FAILED).reason().startsWith("no mission of JPN in RUS for PRK"));
    }

    @Test
    void aNoteHandedToAnotherStatesPermanentMissionGoesToTheDeadLetterTopic() {
        Notice notice = dispatched("TUV", "BTN").notice();
        HopEvent wrong = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:TUV", "mission:FJI@UN",
                notice, List.of(new Route(Channel.EMBASSY, List.of("mission:FJI@UN", "mission:BTN@UN"), "New York")));
        dispatch(wrong);
        ConsumerRecord<String, String> dead = probe.await(r -> wrong.noticeId().toString().equals(r.key())
                && Topics.DEAD_LETTER.equals(r.topic()), 1, WAIT).get(0);
        assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("not to the mission of TUV at UN"),
                TopicProbe.header(dead, "dead-letter-reason"));
    }

    @Test
    void deliversTheNoteToTheReceivingMinistryAndCarriesTheReceiptHome() {
        HopEvent dispatched = dispatched("USA", "DEU");
        dispatch(dispatched);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED);
        assertEquals("embassy:USA@DEU", delivered.from());
        assertEquals("ministry:DEU", delivered.to());
        assertEquals(dispatched.notice(), delivered.notice());

        HopEvent acknowledged = delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:DEU",
                "embassy:USA@DEU").seal();
        dispatch(acknowledged);
        HopEvent receipt = awaitHop(acknowledged, HopType.RECEIPT_DELIVERED);
        assertEquals("embassy:USA@DEU", receipt.from());
        assertEquals("ministry:USA", receipt.to());
    }

    @Test
    void anAcknowledgmentOfThePreviousSchemaVersionStillBringsTheReceiptHome() {
        HopEvent dispatched = dispatched("JPN", "KOR");
        dispatch(dispatched);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED);
        com.fasterxml.jackson.databind.node.ObjectNode v1 = (com.fasterxml.jackson.databind.node.ObjectNode)
                HopEvents.toTree(delivered.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:KOR",
                        "embassy:JPN@KOR").seal());
        v1.put("schemaVersion", 1);
        v1.put("hash", org.chancery.events.HopHash.of(v1));
        // Its shape is version 1 (no receipt field); like every hop now, it is signed.
        TopicProbe.send(bootstrap, DISPATCH, dispatched.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(HopEvents.fromTree(v1))), Map.of());
        HopEvent receipt = awaitHop(HopEvents.fromTree(v1), HopType.RECEIPT_DELIVERED);
        assertEquals(HopEvent.SCHEMA_VERSION, receipt.schemaVersion());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void aRedeliveredDispatchIsDeliveredOnce() {
        HopEvent dispatched = dispatched("CAN", "MEX");
        dispatch(dispatched);
        dispatch(dispatched);
        awaitHop(dispatched, HopType.NOTICE_DELIVERED);
        assertEquals(1, probe.settle(r -> dispatched.noticeId().toString().equals(r.key())
                && DELIVERY.equals(r.topic()), Duration.ofSeconds(3)).size());
    }

    @Test
    void aHopForSomeoneElseGoesToTheDeadLetterTopic() {
        HopEvent wrong = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:USA", "hotline:US-RU-DCL",
                dispatched("USA", "RUS").notice(), List.of(new Route(Channel.HOTLINE, List.of(), "test")));
        dispatch(wrong);
        ConsumerRecord<String, String> dead = probe.await(r -> wrong.noticeId().toString().equals(r.key())
                && Topics.DEAD_LETTER.equals(r.topic()), 1, WAIT).get(0);
        assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("not an embassy"));
        assertEquals(DISPATCH, TopicProbe.header(dead, "dead-letter-topic"));

        HopEvent next = dispatched("GBR", "CHE");
        dispatch(next);
        awaitHop(next, HopType.NOTICE_DELIVERED);
    }

    @Test
    void withoutAMissionTheFailureGoesBackToTheSender() {
        Notice notice = dispatched("USA", "IRN").notice();
        HopEvent toTehran = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:USA", "embassy:USA@IRN",
                notice, List.of(new Route(Channel.EMBASSY, List.of("embassy:USA@IRN"), "test")));
        dispatch(toTehran);
        HopEvent failed = awaitHop(toTehran, HopType.NOTICE_FAILED);
        assertEquals("embassy:USA@IRN", failed.from());
        assertEquals("ministry:USA", failed.to());
        assertTrue(failed.reason().startsWith("no mission of USA in IRN ("), failed.reason());
        assertTrue(failed.reason().contains("; A)"), failed.reason());
    }

    @Test
    void anEmbassyAccreditedFromAbroadDeliversThereButNotWhereItIsNotAccredited() {
        // Wikidata: Afghanistan's embassy in Canberra is accredited to Fiji as well, not its one in Tokyo.
        Notice notice = dispatched("AFG", "FJI").notice();
        HopEvent fromCanberra = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:AFG", "embassy:AFG@AUS",
                notice, List.of(new Route(Channel.EMBASSY, List.of("embassy:AFG@AUS"), "test")));
        dispatch(fromCanberra);
        assertEquals("ministry:FJI", awaitHop(fromCanberra, HopType.NOTICE_DELIVERED).to());

        HopEvent fromTokyo = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:AFG", "embassy:AFG@JPN",
                notice, List.of(new Route(Channel.EMBASSY, List.of("embassy:AFG@JPN"), "test")));
        dispatch(fromTokyo);
        HopEvent failed = awaitHop(fromTokyo, HopType.NOTICE_FAILED);
        assertTrue(failed.reason().startsWith("no mission of AFG in JPN for FJI"), failed.reason());
    }

    @Test
    void aSummonedAmbassadorTakesTheNoteHomeAndTheReceiptComesBackToTheHost() {
        Notice summons = Notice.of("DEU", "RUS", NoticeKind.SUMMONS, Precedence.IMMEDIATE,
                Classification.UNCLASSIFIED, "Summons", "The ambassador is requested to attend.", null);
        HopEvent dispatched = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:DEU", "embassy:RUS@DEU",
                summons, List.of(new Route(Channel.EMBASSY, List.of("embassy:RUS@DEU"), "summons")));
        // IMMEDIATE: the urgent lane, both ways.
        dispatch(dispatched, Lane.URGENT);
        HopEvent delivered = awaitHop(dispatched, HopType.NOTICE_DELIVERED, Lane.URGENT);
        assertEquals("ministry:RUS", delivered.to());
        HopEvent rejected = delivered.next(HopType.NOTICE_REJECTED, "foreign-ministry", "ministry:RUS", "embassy:RUS@DEU")
                .receipt(ReceiptOutcome.REJECTED, "the note is not accepted").seal();
        dispatch(rejected, Lane.URGENT);
        HopEvent receipt = awaitHop(rejected, HopType.RECEIPT_DELIVERED, Lane.URGENT);
        assertEquals("ministry:DEU", receipt.to());
        assertEquals(ReceiptOutcome.REJECTED, receipt.receipt());
        assertEquals("the note is not accepted", receipt.reason());
    }

    @Test
    void publishesEveryMissionOnTheRegistryWithItsSourceAndTombstonesOnesThatAreGone() {
        try (TopicProbe registry = TopicProbe.on(bootstrap, Topics.REGISTRY_MISSIONS)) {
            ConsumerRecord<String, String> closed = registry.await(r -> "USA@IRN".equals(r.key()), 1, WAIT).get(0);
            Mission mission = read(closed.value());
            assertEquals(false, mission.resident());
            assertEquals("A", mission.confidence());
            assertEquals("chancery.registry.mission", TopicProbe.header(closed, "ce_type"));
            int all = missions.all().size();
            assertTrue(all > 16_000, "every UN state's missions: " + all);
            assertEquals(all, registry.await(r -> true, all, WAIT).stream().map(ConsumerRecord::key)
                    .distinct().count());

            // A snapshot publishes what changed since the last: nothing, a tombstone, the entry back.
            assertEquals(List.of(), snapshot(missions.all()));
            Map<String, Mission> fewer = new java.util.HashMap<>(missions.all());
            fewer.remove("USA@DEU");
            List<OutboxRecord> gone = snapshot(fewer);
            assertEquals(List.of("USA@DEU"), gone.stream().map(OutboxRecord::key).toList());
            outbox.publish(gone);
            registry.await(r -> "USA@DEU".equals(r.key()) && r.value() == null, 1, WAIT);
            List<OutboxRecord> back = snapshot(missions.all());
            assertEquals(List.of("USA@DEU"), back.stream().map(OutboxRecord::key).toList());
            outbox.publish(back);
            registry.await(r -> "USA@DEU".equals(r.key()) && r.value() != null, 2, WAIT);
        }
    }

    private List<OutboxRecord> snapshot(Map<String, Mission> state) {
        return QuarkusTransaction.requiringNew().call(() ->
                publisher.snapshot(Topics.REGISTRY_MISSIONS, "chancery.registry.mission", state));
    }

    /**
     * A start publishes only what changed, so a broker that lost the registry's topic while the
     * database kept what was published is given its records again by the guard, which reads the topic back:
     * every mission on the topic again, and the embassy ready only once they are.
     */
    @Test
    void missionsTheTopicLostArePublishedAgainThoughNothingChanged() throws Exception {
        org.awaitility.Awaitility.await().atMost(WAIT).until(guard::checked);
        try (Admin admin = Admin.create(BrokerClients.config(bootstrap))) {
            String topic = Topics.REGISTRY_MISSIONS;
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Map<String, String> config = admin.describeConfigs(List.of(resource)).all().get().get(resource).entries()
                    .stream().filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(java.util.stream.Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
            admin.deleteTopics(List.of(topic)).all().get();
            org.awaitility.Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config))).all().get();
                return true;
            });
        }
        publisher.publishSnapshot(Topics.REGISTRY_MISSIONS, "chancery.registry.mission", missions::all);
        // Not ready while the topic lacks what was published (16,761 records to send and read back).
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'registry published' }.status", Matchers.equalTo("DOWN"));
        try (TopicProbe registry = TopicProbe.on(bootstrap, Topics.REGISTRY_MISSIONS)) {
            int all = missions.all().size();
            assertEquals(all, registry.await(r -> r.value() != null, all, WAIT).stream().map(ConsumerRecord::key)
                    .distinct().count());
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(guard::checked);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * A genuine record newer than what the database says was published, holding another entry (a
     * publication whose transaction failed after the broker took it): a start finds nothing changed
     * in the state, but the guard finds the topic does not hold what was published, and publishes
     * the database's entry again over it.
     */
    @Test
    void aNewerRecordHoldingAnotherEntryIsAnsweredWithTheDatabasesEntry() throws Exception {
        String key = "USA@DEU";
        Mission kept = missions.all().get(key);
        org.awaitility.Awaitility.await().atMost(WAIT).until(guard::checked);
        com.fasterxml.jackson.databind.node.ObjectNode other = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.writeValueAsString(kept));
        other.put("resident", !kept.resident());
        java.time.Instant otherAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        TopicProbe.sendAll(bootstrap, List.of(TestKeys.signRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(
                Topics.REGISTRY_MISSIONS, key, other.toString()), otherAt)));

        publisher.publishSnapshot(Topics.REGISTRY_MISSIONS, "chancery.registry.mission", missions::all);
        try (TopicProbe registry = TopicProbe.on(bootstrap, Topics.REGISTRY_MISSIONS)) {
            ConsumerRecord<String, String> again = registry.await(r -> key.equals(r.key()) && java.time.Instant.parse(
                    TopicProbe.header(r, RegistrySignature.VERSION_HEADER)).isAfter(otherAt), 1, WAIT).get(0);
            assertEquals(kept.resident(), read(again.value()).resident(), again.value());
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(guard::checked);
    }

    /**
     * A key the guard publishes again (here over a stranger's record) drops that key's older records
     * still waiting in the outbox (stored while the broker was away): sent later, they would only be
     * read as replays. The outbox's sweep would send such a record only 30 s after it was stored.
     */
    @Test
    void aKeyPublishedAgainDropsItsOlderRecordsWaitingInTheOutbox() throws Exception {
        String key = "FRA@DEU";
        Mission kept = missions.all().get(key);
        org.awaitility.Awaitility.await().atMost(WAIT).until(guard::checked);
        UUID waiting = UUID.randomUUID();
        java.time.Instant olderAt = java.time.Instant.now().minusSeconds(60);
        QuarkusTransaction.requiringNew().run(() -> outbox.store(outbox.records(List.of(
                org.chancery.messaging.Emission.entry(Topics.REGISTRY_MISSIONS, key, waiting,
                        "chancery.registry.mission", olderAt, "{\"waiting\":true}")))));
        assertTrue(waitingInTheOutbox(waiting));

        TopicProbe.send(bootstrap, Topics.REGISTRY_MISSIONS, key, "{\"forged\":true}", Map.of());
        try (TopicProbe registry = TopicProbe.on(bootstrap, Topics.REGISTRY_MISSIONS)) {
            ConsumerRecord<String, String> forged = registry.await(r -> key.equals(r.key())
                    && "{\"forged\":true}".equals(r.value()), 1, WAIT).get(0);
            ConsumerRecord<String, String> again = registry.await(r -> key.equals(r.key())
                    && r.offset() > forged.offset(), 1, WAIT).get(0);
            assertEquals(kept, read(again.value()));
        }
        // Dropped in the transaction that published the key again, which commits just after the broker took it;
        // well before the sweep, 30 s after the record was stored, would have sent it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !waitingInTheOutbox(waiting));
    }

    private boolean waitingInTheOutbox(UUID eventId) throws java.sql.SQLException {
        try (java.sql.Connection connection = database.getConnection();
                java.sql.PreparedStatement select = connection.prepareStatement(
                        "select count(*) from outbox where event_id = ?")) {
            select.setObject(1, eventId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    /**
     * A table over a topic not made yet does not count as caught up with nothing read: it waits for
     * the topic, then reads it (the registry guard's readiness rests on it).
     */
    @Test
    void aTableWaitsForItsTopicToExist() throws Exception {
        String topic = "chancery.test.made-later-" + UUID.randomUUID();
        List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (org.chancery.messaging.TopicTable table = new org.chancery.messaging.TopicTable(
                BrokerClients.config(bootstrap), "later", List.of(topic), r -> read.add(r.value())).start()) {
            assertTrue(!table.awaitCaughtUp(Duration.ofSeconds(3)), "caught up on a topic that does not exist");
            try (Admin admin = Admin.create(BrokerClients.config(bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            TopicProbe.send(bootstrap, topic, "k", "made", Map.of());
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> read.contains("made"));
            assertTrue(table.awaitCaughtUp(WAIT));
        }
    }

    private static Mission read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Mission.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void healthReflectsTheBrokerAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", Matchers.hasItem("Database connections health check"))
                .body("checks.name", Matchers.hasItem("hop consumers"));
        given().get("/q/openapi?format=json").then().statusCode(200);
    }
}
