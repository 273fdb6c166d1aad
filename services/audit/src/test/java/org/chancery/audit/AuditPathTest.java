package org.chancery.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.chancery.events.CanonicalJson;
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
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.MandateKind;
import org.chancery.events.registry.MandateStatus;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit against a real broker and database, fed the hops the other services would emit. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class AuditPathTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The test's notices are ROUTINE: they travel in the routine lane. */
    static final String DISPATCH = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);
    static final String NOTICES = HopTopic.NOTICES.in(Lane.ROUTINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** An embassy path USA to DEU, its body sealed as the ministry seals it, each hop with the topic it travels on. */
    private static List<Map.Entry<String, HopEvent>> embassyPath(Classification classification) {
        String embassy = Party.embassy("USA", "DEU");
        return path(Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, classification, "Visit",
                "The Department presents its compliments.", null),
                new Route(Channel.EMBASSY, List.of(embassy), "resident embassy"), "embassy", DISPATCH);
    }

    /**
     * A note USA to IRN handed by {@code power} straight to Iran's ministry (a message channel), and
     * its receipt back the same way.
     */
    private static List<Map.Entry<String, HopEvent>> thirdStatePath(String power) {
        return path(Notice.of("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Shipping", "The Government presents its compliments.", null),
                new Route(Channel.PROTECTING_POWER, List.of(Party.protectingPower(power)), "message channel"),
                "protecting-power", HopTopic.DISPATCH_PROTECTING_POWER.in(Lane.ROUTINE));
    }

    /**
     * A note's whole path by a party that hands it straight to the receiving ministry, its body
     * sealed as the ministry seals it, each hop with the topic it travels on.
     */
    private static List<Map.Entry<String, HopEvent>> path(Notice written, Route route, String service, String dispatch) {
        UUID id = UUID.randomUUID();
        String bag = TestKeys.bag().seal(id, written);
        Notice notice = written.carrying(bag, org.chancery.events.Digests.sha256Hex(bag));
        String carrier = route.via().get(0);
        String sender = Party.ministry(notice.from());
        List<Map.Entry<String, HopEvent>> path = new ArrayList<>();
        HopEvent hop = HopEvent.first(id, "foreign-ministry", sender, carrier, notice, List.of(route));
        path.add(Map.entry(dispatch, hop));
        hop = hop.next(HopType.NOTICE_DELIVERED, service, carrier, Party.ministry(notice.to())).notice(notice).seal();
        path.add(Map.entry(DELIVERY, hop));
        HopEvent.Draft answer = hop.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", Party.ministry(notice.to()), carrier);
        hop = (Party.answerCarriesNotice(carrier, notice) ? answer.notice(notice) : answer).seal();
        path.add(Map.entry(dispatch, hop));
        hop = hop.next(HopType.RECEIPT_DELIVERED, service, carrier, sender).seal();
        path.add(Map.entry(DELIVERY, hop));
        hop = hop.next(HopType.RECEIPT_RECORDED, "foreign-ministry", sender, sender).seal();
        path.add(Map.entry(NOTICES, hop));
        return path;
    }

    private void send(Map.Entry<String, HopEvent> hop) {
        TopicProbe.send(bootstrap, hop.getKey(), hop.getValue().noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop.getValue())), Map.of());
    }

    private static String pathOf(List<Map.Entry<String, HopEvent>> path) {
        return "/notices/" + path.get(0).getValue().noticeId() + "/path";
    }

    /** Publishes, as the protecting-power service would, {@code power}'s mandate for USA in IRN, or its end (null). */
    private void publishMandate(String power, Mandate mandate, Instant version) throws Exception {
        publishMandateRecord("USA>IRN@" + power, mandate, version);
    }

    private void publishMandateRecord(String key, Mandate mandate, Instant version) throws Exception {
        String value = mandate == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(mandate);
        TopicProbe.sendAll(bootstrap, List.of(TestKeys.signRecord(
                new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.REGISTRY_MANDATES, key, value), version)));
    }

    @Test
    void aMandateRecordTheDatabaseRefusesIsSetAsideAndTheMandatesAfterItCount() throws Exception {
        // Signed as the owner signs its tombstones over a stranger's key, under a key no database text holds.
        publishMandateRecord("US\0A>IRN@NOR", null, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        publishMandate("NOR", new Mandate("USA", "IRN", "NOR", MandateStatus.IN_FORCE, null, "2026", "notes", "A",
                "test", MandateKind.MESSAGE_CHANNEL, true), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        List<Map.Entry<String, HopEvent>> path = thirdStatePath("NOR");
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().statusCode(200)
                .body("hops", hasSize(5)).body("verified", equalTo(true)));
    }

    @Test
    void aThirdStatesHopIsJudgedAgainstTheMandatesAsTheyStoodWhenItMoved() throws Exception {
        Instant granted = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        publishMandate("CHE", new Mandate("USA", "IRN", "CHE", MandateStatus.IN_FORCE, null, "1980", "notes", "A",
                "test", MandateKind.MESSAGE_CHANNEL, true), granted);
        // Whoever can write the audit's database gives France a mandate: it is not what the service signed.
        String france = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new Mandate("USA", "IRN",
                "FRA", MandateStatus.IN_FORCE, null, "2026", "notes", "A", "written by hand", MandateKind.MESSAGE_CHANNEL,
                true));
        QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("insert into mandate_version (mandate_key, version, known_from, sending, receiving,"
                        + " entry, version_header, signature) values ('USA>IRN@FRA', ?1, ?1, 'USA', 'IRN', ?2, ?3, 'forged')")
                .setParameter(1, java.time.OffsetDateTime.ofInstant(granted, java.time.ZoneOffset.UTC))
                .setParameter(2, france).setParameter(3, granted.toString()).executeUpdate());
        List<Map.Entry<String, HopEvent>> underMandate = thirdStatePath("CHE");
        List<Map.Entry<String, HopEvent>> without = thirdStatePath("FRA");
        underMandate.forEach(this::send);
        without.forEach(this::send);
        String verifyUnder = "/notices/" + underMandate.get(0).getValue().noticeId() + "/verify";
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(without)).then().statusCode(200)
                .body("hops", hasSize(5)).body("verified", equalTo(false)));
        // France signs with the protecting-power service's own key, holds no mandate: both its hops are named.
        given().get(pathOf(without)).then()
                .body("findings.problem", everyItem(equalTo("NOT_UNDER_MANDATE")))
                .body("findings.hop", contains(2, 4))
                .body("findings[0].detail", org.hamcrest.Matchers.containsString("FRA holds no mandate in force for USA in IRN"));
        await().atMost(WAIT).untilAsserted(() -> given().get(verifyUnder).then().statusCode(200)
                .body("hops", equalTo(5)).body("verified", equalTo(true)));

        // Switzerland's mandate ends; a note it carries afterwards is not under it, the earlier one still is.
        Instant ended = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        publishMandate("CHE", null, ended);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(ended.plusMillis(2)));
        List<Map.Entry<String, HopEvent>> afterwards = thirdStatePath("CHE");
        afterwards.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(afterwards)).then().statusCode(200)
                .body("hops", hasSize(5)).body("verified", equalTo(false))
                .body("findings.problem", everyItem(equalTo("NOT_UNDER_MANDATE"))).body("findings.hop", contains(2, 4)));
        given().get(verifyUnder).then().body("verified", equalTo(true)).body("findings", hasSize(0));
    }

    @Test
    void aMandatePublishedLaterDoesNotCoverHopsBeforeItWhateverVersionItsWriterSigned() throws Exception {
        List<Map.Entry<String, HopEvent>> before = thirdStatePath("ITA");
        before.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(before)).then().statusCode(200)
                .body("hops", hasSize(5)).body("findings.problem", everyItem(equalTo("NOT_UNDER_MANDATE"))));
        // Whoever holds the protecting-power service's key gives Italy a mandate, signed as of an hour ago.
        publishMandate("ITA", new Mandate("USA", "IRN", "ITA", MandateStatus.IN_FORCE, null, "2026", "notes", "A",
                "backdated", MandateKind.MESSAGE_CHANNEL, true),
                Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        List<Map.Entry<String, HopEvent>> after = thirdStatePath("ITA");
        after.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(after)).then().statusCode(200)
                .body("hops", hasSize(5)).body("verified", equalTo(true)));
        given().get(pathOf(before)).then().body("verified", equalTo(false))
                .body("findings.hop", contains(2, 4))
                .body("findings[0].detail", org.hamcrest.Matchers.containsString("ITA holds no mandate in force"));
    }

    @Test
    void rebuildsAndVerifiesAPathThatArrivedShuffledAndTwice() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        List<Map.Entry<String, HopEvent>> arrivals = new ArrayList<>(path);
        arrivals.addAll(path.subList(1, 3));
        Collections.shuffle(arrivals, new java.util.Random(7));
        arrivals.forEach(this::send);

        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().statusCode(200)
                .body("hops", hasSize(5)));
        given().get(pathOf(path)).then()
                .body("complete", equalTo(true))
                .body("verified", equalTo(true))
                .body("findings", hasSize(0))
                .body("hops.hop", contains(1, 2, 3, 4, 5))
                .body("hops.service", contains("foreign-ministry", "embassy", "foreign-ministry", "embassy",
                        "foreign-ministry"))
                .body("hops.type", contains("chancery.notice.dispatched", "chancery.notice.delivered",
                        "chancery.notice.acknowledged", "chancery.receipt.delivered", "chancery.receipt.recorded"))
                .body("hops[0].sinceParentMs", nullValue())
                .body("notice.from", equalTo("USA"))
                .body("plan[0].channel", equalTo("EMBASSY"));
    }

    @Test
    void aPathWithoutItsReceiptIsNotComplete() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.subList(0, 3).forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(3)));
        given().get(pathOf(path)).then().body("complete", equalTo(false)).body("verified", equalTo(true));
    }

    @Test
    void aHopAlteredInTheDatabaseIsReportedAsTampering() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        UUID second = path.get(1).getValue().eventId();
        QuarkusTransaction.requiringNew().run(() -> storePayload(second,
                storedPayload(second).replace("ministry:DEU", "ministry:FRA")));
        given().get(pathOf(path)).then()
                .body("verified", equalTo(false))
                .body("findings[0].problem", equalTo("ALTERED"))
                .body("findings[0].hop", equalTo(2))
                .body("findings[0].eventId", equalTo(second.toString()));
    }

    @Test
    void aPathRewrittenInTheDatabaseWithEveryHashRedoneIsNotGenuine() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        // Someone with the audit's database makes the path go through another mission, in every hop,
        // and redoes every hash, so that the chain of hashes holds; only the signatures can tell.
        String embassy = Party.embassy("USA", "DEU");
        String another = Party.embassy("USA", "AUT");
        QuarkusTransaction.requiringNew().run(() -> {
            String prevHash = null;
            for (Map.Entry<String, HopEvent> sent : path) {
                UUID eventId = sent.getValue().eventId();
                ObjectNode tree = (ObjectNode) HopEvents.readTree(storedPayload(eventId).replace(embassy, another));
                if (prevHash != null) {
                    tree.put("prevHash", prevHash);
                }
                prevHash = HopHash.of(tree);
                tree.put("hash", prevHash);
                storePayload(eventId, CanonicalJson.string(tree));
            }
        });
        given().get(pathOf(path)).then()
                .body("verified", equalTo(false))
                .body("findings.problem", everyItem(equalTo("NOT_GENUINE")))
                .body("findings.hop", containsInAnyOrder(1, 2, 3, 4, 5))
                .body("hops.to", hasItem(another));
    }

    @Test
    void aDifferentCopyOfAKnownEventSignedByItsServiceIsReported() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        HopEvent original = path.get(1).getValue();
        HopEvent other = HopEvents.fromJson(HopEvents.toJson(original).replace("ministry:DEU", "ministry:FRA")).sealed();
        TopicProbe.send(bootstrap, DELIVERY, original.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(other)), Map.of());
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then()
                .body("verified", equalTo(false))
                .body("findings.problem", org.hamcrest.Matchers.hasItem("CONFLICTING_COPY")));
    }

    @Test
    void hopsNotSignedByTheServiceTheyNameAreRejectedAndNeverJoinThePath() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.subList(0, 3).forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(3)));
        String key = path.get(0).getValue().noticeId().toString();
        HopEvent receipt = path.get(3).getValue();
        HopEvent recorded = path.get(4).getValue();
        // Unsigned; signed by a key no one trusts; and a genuine signature over content altered after signing.
        TopicProbe.send(bootstrap, DELIVERY, key, HopEvents.toJson(receipt), Map.of());
        HopEvent forged = new HopSigner(Ed25519Keys.generate().getPrivate()).sign(recorded);
        TopicProbe.send(bootstrap, NOTICES, key, HopEvents.toJson(forged), Map.of());
        String altered = HopEvents.toJson(TestKeys.sign(path.get(1).getValue())).replace("ministry:DEU", "ministry:FRA");
        TopicProbe.send(bootstrap, DELIVERY, key, altered, Map.of());

        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("rejected", hasSize(3)));
        given().get(pathOf(path)).then()
                .body("hops", hasSize(3))
                .body("complete", equalTo(false))
                .body("verified", equalTo(true))
                .body("status", equalTo("DELIVERED"))
                .body("rejected.authenticity", org.hamcrest.Matchers.containsInAnyOrder("UNSIGNED", "FORGED", "ALTERED"))
                .body("rejected.find { it.authenticity == 'FORGED' }.type", equalTo("chancery.receipt.recorded"));
        given().get("/notices/" + key + "/verify").then().body("verified", equalTo(true)).body("rejected", hasSize(3));
    }

    @ParameterizedTest
    @EnumSource(value = Classification.class, names = {"UNCLASSIFIED", "CONFIDENTIAL"})
    void noBodyIsKeptOnlyItsDigestAndSizeAndThePathVerifies(Classification classification) {
        List<Map.Entry<String, HopEvent>> path = embassyPath(classification);
        String bag = path.get(0).getValue().notice().body();
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        given().get(pathOf(path)).then().body("verified", equalTo(true)).body("notice.body", nullValue())
                .body("notice.bodyDigest", equalTo(path.get(0).getValue().notice().bodyDigest()))
                .body("bodyBytes", equalTo(bag.length()));
        List<?> stored = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createNativeQuery("select payload from hop where notice_id = ?1")
                .setParameter(1, path.get(0).getValue().noticeId()).getResultList());
        assertEquals(5, stored.size());
        String sealed = bag.substring(bag.lastIndexOf(':') + 1);
        stored.forEach(h -> assertFalse(((String) h).contains(sealed) || ((String) h).contains("compliments"), (String) h));
    }

    @Test
    void theVerdictNamesWhatIsWrongAndWhere() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.stream().filter(h -> h.getValue().hop() != 3).forEach(this::send);
        String verify = "/notices/" + path.get(0).getValue().noticeId() + "/verify";
        await().atMost(WAIT).untilAsserted(() -> given().get(verify).then().statusCode(200).body("hops", equalTo(4)));
        given().get(verify).then()
                .body("verified", equalTo(false))
                .body("findings[0].problem", equalTo("GAP"))
                .body("findings[0].hop", equalTo(4))
                .body("findings[0].detail", org.hamcrest.Matchers.containsString("is missing"));
        send(path.get(2));
        await().atMost(WAIT).untilAsserted(() -> given().get(verify).then().body("verified", equalTo(true)));
    }

    @Test
    void eachHopSaysWhichStatesItWentBetweenAndEachPartyHasAName() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        given().get(pathOf(path)).then()
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("hops[0].fromState", equalTo("USA"))
                .body("hops[0].toState", equalTo("DEU"))
                .body("parties.'embassy:USA@DEU'", equalTo("Embassy of United States in Germany"))
                .body("parties.'ministry:DEU'", equalTo("Ministry of Foreign Affairs, Germany"))
                .body("attempts[0].outcome", equalTo("ACKNOWLEDGED"))
                .body("taken", contains("EMBASSY"));
    }

    @Test
    void noticesAreFoundByStateChannelStatusAndTimeAPageAtATime() {
        Instant before = Instant.now();
        List<List<Map.Entry<String, HopEvent>>> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            paths.add(embassyPath(Classification.UNCLASSIFIED));
        }
        paths.forEach(p -> p.forEach(this::send));
        List<Map.Entry<String, HopEvent>> open = embassyPath(Classification.UNCLASSIFIED);
        open.subList(0, 2).forEach(this::send);
        String since = "since=" + before;
        // Hops of one notice travel on different topics: wait until every one has been taken into account.
        await().atMost(WAIT).untilAsserted(() -> {
            given().get("/notices?state=DEU&role=received&" + since).then().statusCode(200).body("total", equalTo(4));
            given().get("/notices?state=DEU&role=received&status=ACKNOWLEDGED&" + since).then()
                    .body("total", equalTo(3));
            given().get("/notices?state=DEU&role=received&status=DELIVERED&" + since).then().body("total", equalTo(1));
        });
        given().get("/notices?state=DEU&role=received&status=ACKNOWLEDGED&" + since).then()
                .body("items[0].verified", equalTo(true))
                .body("items[0].channel", equalTo("EMBASSY"));
        given().get("/notices?state=DEU&role=received&status=DELIVERED&" + since).then()
                .body("items[0].noticeId", equalTo(open.get(0).getValue().noticeId().toString()));
        given().get("/notices?state=USA&role=sent&channel=EMBASSY&size=2&page=1&" + since).then()
                .body("items", hasSize(2)).body("page", equalTo(1)).body("total", equalTo(4));
        given().get("/notices?state=USA&role=received&" + since).then().body("total", equalTo(0));
        given().get("/notices?status=LOST").then().statusCode(400).contentType("application/problem+json");
        given().get("/notices?size=1000").then().statusCode(400);
        given().get("/notices?since=yesterday").then().statusCode(400);

        given().get("/summary?" + since).then().statusCode(200)
                .body("channels[0].channel", equalTo("EMBASSY"))
                .body("channels[0].notices", equalTo(4))
                .body("channels[0].acknowledged", equalTo(3))
                .body("channels[0].inTransit", equalTo(1))
                .body("channels[0].latencyP50", org.hamcrest.Matchers.notNullValue())
                .body("hops.type", org.hamcrest.Matchers.hasItem("chancery.notice.delivered"));
    }

    @Test
    void thePagesAreServed() {
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("Recent notices"));
        given().get("/notice.html").then().statusCode(200);
        given().get("/app.js").then().statusCode(200).body(org.hamcrest.Matchers.containsString("drawPath"));
    }

    @Test
    void anUnknownNoticeIs404() {
        given().get("/notices/" + UUID.randomUUID() + "/path").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAuditorsReadTheAuditButItsPagesAreOpen() {
        String path = "/notices/" + UUID.randomUUID() + "/path";
        given().noFilters().get(path).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        // Tokens addressed to other services are not valid here; a ministry's addressed here has the wrong role.
        for (String token : List.of(TestKeys.tokens().ministry("USA", Duration.ofHours(1)),
                TestKeys.tokens().operator(Duration.ofHours(1)))) {
            for (String resource : List.of(path, "/notices", "/summary")) {
                given().header("Authorization", "Bearer " + token).get(resource).then().statusCode(401);
            }
        }
        String ministryHere = TestKeys.tokens().issue("ministry:USA", List.of("ministry"), "USA", List.of("audit"),
                Duration.ofHours(1));
        for (String resource : List.of(path, "/notices", "/summary")) {
            given().header("Authorization", "Bearer " + ministryHere).get(resource).then().statusCode(403);
        }
        given().header("Authorization", "Bearer " + TestKeys.tokens().auditor(Duration.ofHours(1))).get(path).then()
                .statusCode(404);
        given().noFilters().get("/").then().statusCode(200);
        given().noFilters().get("/app.js").then().statusCode(200);
    }

    /** A kept hop's payload as the audit's database holds it: what someone with that database could edit. */
    private static String storedPayload(UUID eventId) {
        return (String) Panache.getEntityManager().createNativeQuery("select payload from hop where event_id = ?1")
                .setParameter(1, eventId).getSingleResult();
    }

    private static void storePayload(UUID eventId, String payload) {
        Panache.getEntityManager().createNativeQuery("update hop set payload = ?1 where event_id = ?2")
                .setParameter(1, payload).setParameter(2, eventId).executeUpdate();
    }
}
