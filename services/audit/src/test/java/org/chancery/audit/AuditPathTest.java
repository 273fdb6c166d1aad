package org.chancery.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.chancery.audit.entity.StoredHop;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit against a real broker and database, fed the hops the other services would emit. */
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
        UUID id = UUID.randomUUID();
        Notice written = Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, classification,
                "Visit", "The Department presents its compliments.", null);
        String bag = TestKeys.bag().seal(id, written);
        Notice notice = written.carrying(bag, org.chancery.events.Digests.sha256Hex(bag));
        String embassy = Party.embassy("USA", "DEU");
        List<Map.Entry<String, HopEvent>> path = new ArrayList<>();
        HopEvent hop = HopEvent.first(id, "foreign-ministry", "ministry:USA", embassy, notice,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "resident embassy")));
        path.add(Map.entry(DISPATCH, hop));
        hop = hop.next(HopType.NOTICE_DELIVERED, "embassy", embassy, "ministry:DEU").notice(notice).seal();
        path.add(Map.entry(DELIVERY, hop));
        hop = hop.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:DEU", embassy).seal();
        path.add(Map.entry(DISPATCH, hop));
        hop = hop.next(HopType.RECEIPT_DELIVERED, "embassy", embassy, "ministry:USA").seal();
        path.add(Map.entry(DELIVERY, hop));
        hop = hop.next(HopType.RECEIPT_RECORDED, "foreign-ministry", "ministry:USA", "ministry:USA").seal();
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
        QuarkusTransaction.requiringNew().run(() -> {
            StoredHop hop = StoredHop.findById(second);
            hop.payload = hop.payload.replace("ministry:DEU", "ministry:FRA");
        });
        given().get(pathOf(path)).then()
                .body("verified", equalTo(false))
                .body("findings[0].problem", equalTo("ALTERED"))
                .body("findings[0].hop", equalTo(2))
                .body("findings[0].eventId", equalTo(second.toString()));
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
        List<StoredHop> stored = QuarkusTransaction.requiringNew()
                .call(() -> StoredHop.list("noticeId", path.get(0).getValue().noticeId()));
        assertEquals(5, stored.size());
        String sealed = bag.substring(bag.lastIndexOf(':') + 1);
        stored.forEach(h -> assertFalse(h.payload.contains(sealed) || h.payload.contains("compliments"), h.payload));
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
}
