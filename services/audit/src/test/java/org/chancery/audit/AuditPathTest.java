package org.chancery.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
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
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.local.testing.ChanceryTestResource;
import org.chancery.local.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The audit against a real broker and database, fed the hops the other services would emit. */
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class AuditPathTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** An embassy path USA to DEU, each hop with the topic it travels on. */
    private static List<Map.Entry<String, HopEvent>> embassyPath(Classification classification) {
        Notice notice = Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, classification,
                "Visit", "The Department presents its compliments.", null);
        String embassy = Party.embassy("USA", "DEU");
        List<Map.Entry<String, HopEvent>> path = new ArrayList<>();
        HopEvent hop = HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:USA", embassy, notice,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "resident embassy")));
        path.add(Map.entry(Topics.DISPATCH_EMBASSY, hop));
        hop = hop.next(HopType.NOTICE_DELIVERED, "embassy", embassy, "ministry:DEU").notice(notice).seal();
        path.add(Map.entry(Topics.DELIVERY, hop));
        hop = hop.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:DEU", embassy).seal();
        path.add(Map.entry(Topics.DISPATCH_EMBASSY, hop));
        hop = hop.next(HopType.RECEIPT_DELIVERED, "embassy", embassy, "ministry:USA").seal();
        path.add(Map.entry(Topics.DELIVERY, hop));
        hop = hop.next(HopType.RECEIPT_RECORDED, "foreign-ministry", "ministry:USA", "ministry:USA").seal();
        path.add(Map.entry(Topics.NOTICES, hop));
        return path;
    }

    private void send(Map.Entry<String, HopEvent> hop) {
        TopicProbe.send(bootstrap, hop.getKey(), hop.getValue().noticeId().toString(),
                HopEvents.toJson(hop.getValue()), Map.of());
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
    void aDifferentCopyOfAKnownEventIsReported() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.UNCLASSIFIED);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        HopEvent original = path.get(1).getValue();
        String forged = HopEvents.toJson(original).replace("ministry:DEU", "ministry:FRA");
        TopicProbe.send(bootstrap, Topics.DELIVERY, original.noticeId().toString(), forged, Map.of());
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then()
                .body("verified", equalTo(false))
                .body("findings.problem", org.hamcrest.Matchers.hasItem("CONFLICTING_COPY")));
    }

    @Test
    void theBodyOfAConfidentialNoticeIsNotKeptButThePathVerifies() {
        List<Map.Entry<String, HopEvent>> path = embassyPath(Classification.CONFIDENTIAL);
        path.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> given().get(pathOf(path)).then().body("hops", hasSize(5)));
        given().get(pathOf(path)).then().body("verified", equalTo(true)).body("notice.body", nullValue())
                .body("notice.bodyDigest", equalTo(path.get(0).getValue().notice().bodyDigest()));
        List<StoredHop> stored = QuarkusTransaction.requiringNew()
                .call(() -> StoredHop.list("noticeId", path.get(0).getValue().noticeId()));
        stored.forEach(h -> assertFalse(h.payload.contains("compliments"), h.payload));
    }

    @Test
    void anUnknownNoticeIs404() {
        given().get("/notices/" + UUID.randomUUID() + "/path").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
