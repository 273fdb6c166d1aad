package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.events.Topics;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hops injected straight into the topics in a service's name, without its key: the channel
 * refuses them to the dead-letter topic, and the audit keeps them apart from every path, marked
 * for what they are. A hop signed with the service's own key goes through.
 */
@ExtendWith(RunningSystem.class)
class ForgedHopIT {

    /** The test's notices are ROUTINE: they travel in the routine lane. */
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);

    @Test
    void aDispatchNotSignedByTheMinistryIsNeitherDeliveredNorPartOfAPath() {
        String bootstrap = RunningSystem.stack().bootstrapServers();
        HopEvent unsigned = dispatch("USA", "DEU");
        HopEvent forged = new HopSigner(Ed25519Keys.generate().getPrivate()).sign(dispatch("USA", "FRA"));
        HopEvent genuine = RunningSystem.stack().keys().sign("foreign-ministry", dispatch("USA", "GBR"));
        try (TopicProbe probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER, DELIVERY)) {
            for (HopEvent hop : List.of(unsigned, forged, genuine)) {
                TopicProbe.send(bootstrap, HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE), hop.noticeId().toString(),
                        HopEvents.toJson(hop), Map.of());
            }
            for (HopEvent hop : List.of(unsigned, forged)) {
                ConsumerRecord<String, String> dead = probe.await(r -> Topics.DEAD_LETTER.equals(r.topic())
                        && hop.noticeId().toString().equals(r.key()), 1, Notices.WAIT).get(0);
                assertEquals("embassy", TopicProbe.header(dead, "dead-letter-service"));
                assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("not a genuine hop of foreign-ministry"),
                        TopicProbe.header(dead, "dead-letter-reason"));
            }
            // The genuine one is delivered: the embassy hands it to the receiving ministry.
            probe.await(r -> DELIVERY.equals(r.topic()) && genuine.noticeId().toString().equals(r.key())
                    && r.value().contains(HopType.NOTICE_DELIVERED.ceType()), 1, Notices.WAIT);
        }

        String audit = Notices.audit();
        org.awaitility.Awaitility.await().atMost(Notices.WAIT).untilAsserted(() -> {
            given().baseUri(audit).get("/notices/" + unsigned.noticeId() + "/path").then().statusCode(404)
                    .body("detail", containsString("1 in its name were rejected as not genuine"));
            given().baseUri(audit).get("/notices/" + forged.noticeId() + "/path").then().statusCode(404)
                    .body("detail", containsString("rejected"));
            given().baseUri(audit).get("/notices/" + genuine.noticeId() + "/path").then().statusCode(200)
                    .body("hops", hasSize(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
        });
        // An unsigned copy of a genuine hop, injected later, is listed apart and changes nothing.
        HopEvent injected = genuine.next(HopType.RECEIPT_RECORDED, "foreign-ministry", "ministry:USA", "ministry:USA")
                .seal();
        TopicProbe.send(bootstrap, HopTopic.NOTICES.in(Lane.ROUTINE), genuine.noticeId().toString(),
                HopEvents.toJson(injected), Map.of());
        org.awaitility.Awaitility.await().atMost(Notices.WAIT).untilAsserted(() ->
                given().baseUri(audit).get("/notices/" + genuine.noticeId() + "/path").then()
                        .body("rejected", hasSize(1))
                        .body("rejected[0].authenticity", equalTo("UNSIGNED")));
        JsonPath path = given().baseUri(audit).get("/notices/" + genuine.noticeId() + "/path").then().extract().jsonPath();
        assertTrue(path.getBoolean("verified"), path::prettify);
        assertTrue(path.getList("hops.eventId").stream().noneMatch(injected.eventId().toString()::equals), path::prettify);
    }

    @Test
    void aNoteWhoseTextWasChangedOnTheWayIsRefusedAndTheAuditListsItForWhatItIs() {
        String bootstrap = RunningSystem.stack().bootstrapServers();
        HopEvent genuine = RunningSystem.stack().keys().sign("foreign-ministry", dispatch("USA", "ITA"));
        // A copy signed as the ministry wrote it, with another text put in its place on the way: the
        // body is outside the hash, its digest inside, so the signature still holds.
        ObjectNode altered = (ObjectNode) HopEvents.readTree(HopEvents.toJson(genuine));
        ((ObjectNode) altered.path("notice")).put("body", "The Ministry declares the Ambassador persona non grata.");
        String dispatch = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
        String id = genuine.noticeId().toString();
        try (TopicProbe probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER, DELIVERY)) {
            TopicProbe.send(bootstrap, dispatch, id, altered.toString(), Map.of());
            ConsumerRecord<String, String> dead = probe.await(r -> Topics.DEAD_LETTER.equals(r.topic())
                    && id.equals(r.key()), 1, Notices.WAIT).get(0);
            assertEquals("embassy", TopicProbe.header(dead, "dead-letter-service"));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("BODY_ALTERED"),
                    TopicProbe.header(dead, "dead-letter-reason"));
            assertTrue(probe.settle(r -> DELIVERY.equals(r.topic()) && id.equals(r.key()), Duration.ofSeconds(2))
                    .isEmpty(), "the altered note was not delivered");
            // The note as the ministry wrote it goes through.
            TopicProbe.send(bootstrap, dispatch, id, HopEvents.toJson(genuine), Map.of());
            probe.await(r -> DELIVERY.equals(r.topic()) && id.equals(r.key())
                    && r.value().contains(HopType.NOTICE_DELIVERED.ceType()), 1, Notices.WAIT);
        }
        org.awaitility.Awaitility.await().atMost(Notices.WAIT).untilAsserted(() ->
                given().baseUri(Notices.audit()).get("/notices/" + id + "/verify").then().statusCode(200)
                        .body("verified", equalTo(true))
                        .body("rejected", hasSize(1))
                        .body("rejected[0].authenticity", equalTo("BODY_ALTERED")));
    }

    @Test
    void aThirdStateHandsOverOnlyUnderAMandateItHolds() {
        String bootstrap = RunningSystem.stack().bootstrapServers();
        // Signed with the protecting-power service's own key: genuine hops of that service, but
        // France holds no mandate for the United States in Iran, Switzerland does.
        HopEvent unmandated = delivered("protecting-power:FRA");
        HopEvent mandated = delivered("protecting-power:CHE");
        try (TopicProbe probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER,
                HopTopic.DISPATCH_PROTECTING_POWER.in(Lane.ROUTINE))) {
            for (HopEvent hop : List.of(unmandated, mandated)) {
                TopicProbe.send(bootstrap, DELIVERY, hop.noticeId().toString(), HopEvents.toJson(hop), Map.of());
            }
            String id = unmandated.noticeId().toString();
            ConsumerRecord<String, String> dead = probe.await(r -> Topics.DEAD_LETTER.equals(r.topic())
                    && id.equals(r.key()), 1, Notices.WAIT).get(0);
            assertEquals("foreign-ministry", TopicProbe.header(dead, "dead-letter-service"));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains(
                    "not under a mandate: chancery.notice.delivered from protecting-power:FRA, but FRA holds no mandate "
                            + "in force for USA in IRN"), TopicProbe.header(dead, "dead-letter-reason"));
            // Iran's ministry answers the one Switzerland handed over, and not the other.
            probe.await(r -> mandated.noticeId().toString().equals(r.key())
                    && r.value().contains(HopType.NOTICE_ACKNOWLEDGED.ceType()), 1, Notices.WAIT);
            assertTrue(probe.settle(r -> id.equals(r.key()) && !Topics.DEAD_LETTER.equals(r.topic()),
                    Duration.ofSeconds(2)).isEmpty(), "the notice France handed over was answered");
            // The audit keeps France's hop as evidence, but does not call it carried under a mandate.
            org.awaitility.Awaitility.await().atMost(Notices.WAIT).untilAsserted(() ->
                    given().baseUri(Notices.audit()).get("/notices/" + id + "/verify").then().statusCode(200)
                            .body("verified", equalTo(false))
                            .body("findings.find { it.problem == 'NOT_UNDER_MANDATE' }.hop", equalTo(2))
                            .body("findings.find { it.problem == 'NOT_UNDER_MANDATE' }.detail",
                                    containsString("FRA holds no mandate in force for USA in IRN")));
            org.awaitility.Awaitility.await().atMost(Notices.WAIT).untilAsserted(() ->
                    given().baseUri(Notices.audit()).get("/notices/" + mandated.noticeId() + "/verify").then()
                            .statusCode(200).body("findings.problem", not(hasItem("NOT_UNDER_MANDATE"))));
        }
    }

    @Test
    void onlyTheHotlineServiceDeclaresALineDownOnItsRegistry() throws Exception {
        String bootstrap = RunningSystem.stack().bootstrapServers();
        String line = "US-RU-DCL";
        String record = given().baseUri(RunningSystem.stack().url("hotline")).get("/hotlines/" + line).then()
                .statusCode(200).extract().asString();
        ObjectNode down = (ObjectNode) HopEvents.readTree(record);
        down.put("status", "DOWN");
        down.put("statusNote", "declared by someone who is not the operator");
        String value = down.toString();
        org.chancery.local.LocalKeys keys = RunningSystem.stack().keys();
        String version = java.time.Instant.now().toString();
        Map<String, String> byEmbassy = Map.of(RegistrySignature.VERSION_HEADER, version, RegistrySignature.HEADER,
                keys.signRecord("embassy", Topics.REGISTRY_HOTLINES, line, version, value));
        try (TopicProbe probe = TopicProbe.on(bootstrap, Topics.DEAD_LETTER)) {
            TopicProbe.send(bootstrap, Topics.REGISTRY_HOTLINES, line, value, Map.of());
            TopicProbe.send(bootstrap, Topics.REGISTRY_HOTLINES, line, value, byEmbassy);
            List<String> reasons = probe.await(r -> line.equals(r.key()), 2, Notices.WAIT).stream()
                    .map(r -> TopicProbe.header(r, "dead-letter-reason")).toList();
            assertEquals(List.of("not a registry record of hotline: UNSIGNED", "not a registry record of hotline: FORGED"),
                    reasons);
        }
        given().baseUri(Notices.ministry()).get("/routes?from=USA&to=RUS&kind=DECONFLICTION_NOTICE&precedence=FLASH")
                .then().statusCode(200).body("routes[0].channel", equalTo("HOTLINE"));
    }

    @Test
    void theAuditHoldsNoSigningKeyAndNoOneTrustsOneInItsName() {
        org.chancery.local.LocalKeys keys = RunningSystem.stack().keys();
        assertTrue(!keys.env("audit").containsKey(org.chancery.local.LocalKeys.PRIVATE_KEY), keys.env("audit")::toString);
        assertTrue(!keys.trusted().contains("audit="), keys.trusted());
        assertTrue(!java.nio.file.Files.exists(keys.folder().resolve("audit.key")), "no key file for the audit");
        assertTrue(keys.env("embassy").containsKey(org.chancery.local.LocalKeys.PRIVATE_KEY));
    }

    /**
     * A notice from the United States, sealed as its ministry seals it, handed to Iran's ministry by
     * {@code third}, signed by the protecting-power service.
     */
    private static HopEvent delivered(String third) {
        UUID id = UUID.randomUUID();
        Notice written = Notice.of("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Injected", "Handed over by " + third + ".", null);
        String bag = RunningSystem.stack().keys().bag().seal(id, written);
        Notice notice = written.carrying(bag, org.chancery.events.Digests.sha256Hex(bag));
        HopEvent dispatched = RunningSystem.stack().keys().sign("foreign-ministry", HopEvent.first(id,
                "foreign-ministry", "ministry:USA", third, notice,
                List.of(new Route(Channel.PROTECTING_POWER, List.of(third), "injected by a test"))));
        return RunningSystem.stack().keys().sign("protecting-power", dispatched.next(HopType.NOTICE_DELIVERED,
                "protecting-power", third, "ministry:IRN").notice(notice).seal());
    }

    private static HopEvent dispatch(String from, String to) {
        Notice notice = Notice.of(from, to, NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Injected", "Not from the ministry.", null);
        String embassy = "embassy:" + from + "@" + to;
        return HopEvent.first(UUID.randomUUID(), "foreign-ministry", "ministry:" + from, embassy, notice,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "injected by a test")));
    }
}
