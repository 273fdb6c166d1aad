package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Topics;
import org.chancery.local.LocalTokens;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A ministry sends only as its own state and reads only its state's notices (a received one once
 * delivered to it, as delivered); an auditor reads any
 * notice and sends none; without a valid token, nothing but health and the API description. A
 * token is valid here only if addressed to this service and not revoked.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class AccessTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final LocalTokens TOKENS = TestKeys.tokens();
    static final String NOTE = "{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\",\"subject\":\"s\",\"body\":\"b\"}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void channels() {
        Channels.publishRegistries(bootstrap);
    }

    private static ValidatableResponse post(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(NOTE)
                .post("/notices").then();
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        given().noFilters().contentType(ContentType.JSON).body(NOTE).post("/notices").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("title", equalTo("Not authenticated"));
        post("not-a-token").statusCode(401).contentType("application/problem+json");
        post(LocalTokens.ephemeral().ministry("USA", HOUR)).statusCode(401);
        post(TOKENS.ministry("USA", Duration.ofSeconds(-120))).statusCode(401);
        given().noFilters().get("/notices/00000000-0000-0000-0000-000000000000").then().statusCode(401);
        given().noFilters().get("/routes?from=USA&to=DEU").then().statusCode(401);
    }

    @Test
    void healthAndTheApiDescriptionNeedNoToken() {
        given().noFilters().get("/q/health/ready").then().statusCode(200);
        given().noFilters().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aMinistrySendsOnlyAsItsOwnState() {
        post(TOKENS.ministry("DEU", HOUR)).statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Not your state"));
        post(TOKENS.auditor(HOUR)).statusCode(403).contentType("application/problem+json");
        post(TOKENS.issue("ministry:USA", List.of("ministry"), null, List.of("foreign-ministry"), HOUR)).statusCode(403)
                .body("title", equalTo("Not a ministry"));
        post(TOKENS.ministry("USA", HOUR)).statusCode(202);
    }

    @Test
    void aNoticeIsReadByItsSenderAndAuditorsAndByItsReceiverOnceDeliveredWithoutTheSendersPlan() {
        String dispatch = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
        try (TopicProbe probe = TopicProbe.on(bootstrap, dispatch)) {
            String id = post(TOKENS.ministry("USA", HOUR)).statusCode(202).extract().path("id");
            for (String reader : List.of(TOKENS.ministry("USA", HOUR), TOKENS.auditor(HOUR))) {
                given().header("Authorization", "Bearer " + reader).get("/notices/" + id).then().statusCode(200)
                        .body("route.planned[0].via[0]", equalTo("embassy:USA@DEU"));
            }
            String germany = TOKENS.ministry("DEU", HOUR);
            // Before delivery the notice does not exist for its receiver: not its plan, not that it is coming.
            given().header("Authorization", "Bearer " + germany).get("/notices/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            given().header("Authorization", "Bearer " + germany).get("/notices/" + id + "/receipt").then()
                    .statusCode(404);
            given().header("Authorization", "Bearer " + TOKENS.ministry("FRA", HOUR)).get("/notices/" + id).then()
                    .statusCode(403).body("title", equalTo("Not your notice"));
            given().header("Authorization", "Bearer " + TOKENS.ministry("FRA", HOUR)).get("/notices/" + id + "/receipt")
                    .then().statusCode(403);

            HopEvent dispatched = HopEvents.fromJson(probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value());
            TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(Lane.ROUTINE), id, HopEvents.toJson(TestKeys.sign(
                    dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), "ministry:DEU")
                            .notice(dispatched.notice()).seal())), Map.of());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", "Bearer " + germany)
                    .get("/notices/" + id).then().statusCode(200));
            given().header("Authorization", "Bearer " + germany).get("/notices/" + id).then()
                    .body("body", equalTo("b"))
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("statusHistory[0].status", equalTo("DELIVERED"))
                    .body("statusHistory[0].detail", equalTo("by EMBASSY (embassy:USA@DEU)"))
                    .body("$", not(hasKey("route")))
                    .body("$", not(hasKey("failureReason")))
                    .body("receipt.outcome", equalTo("ACKNOWLEDGED"));
            given().header("Authorization", "Bearer " + germany).get("/notices/" + id + "/receipt").then().statusCode(200)
                    .body("outcome", equalTo("ACKNOWLEDGED"));
        }
    }

    @Test
    void anAuditorReadsTheDigestOfAClassifiedBodyNotItsText() {
        String secret = "{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\",\"classification\":\"SECRET\","
                + "\"subject\":\"s\",\"body\":\"the text\"}";
        String id = given().header("Authorization", "Bearer " + TOKENS.ministry("USA", HOUR)).contentType(ContentType.JSON)
                .body(secret).post("/notices").then().statusCode(202).extract().path("id");
        // The digest of the body as it travels: sealed, so it says nothing of the text.
        String digest = given().header("Authorization", "Bearer " + TOKENS.ministry("USA", HOUR)).get("/notices/" + id)
                .then().extract().path("bodyDigest");
        assertTrue(digest.matches("[0-9a-f]{64}") && !digest.equals(org.chancery.events.Digests.sha256Hex("the text")),
                digest);
        given().header("Authorization", "Bearer " + TOKENS.ministry("USA", HOUR)).get("/notices/" + id).then()
                .statusCode(200).body("body", equalTo("the text")).body("bodyDigest", equalTo(digest));
        given().header("Authorization", "Bearer " + TOKENS.auditor(HOUR)).get("/notices/" + id).then().statusCode(200)
                .body("$", not(hasKey("body"))).body("bodyDigest", equalTo(digest));
        String open = post(TOKENS.ministry("USA", HOUR)).statusCode(202).extract().path("id");
        given().header("Authorization", "Bearer " + TOKENS.auditor(HOUR)).get("/notices/" + open).then()
                .body("body", equalTo("b"));
    }

    @Test
    void aTokenForAnotherServiceIsRefused() {
        String id = post(TOKENS.ministry("USA", HOUR)).statusCode(202).extract().path("id");
        for (List<String> audience : List.of(List.of("hotline"), List.of("audit"), List.<String>of())) {
            String token = TOKENS.issue("auditor", List.of("auditor"), null, audience, HOUR);
            given().header("Authorization", "Bearer " + token).get("/notices/" + id).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", "Bearer " + TOKENS.operator(HOUR)).get("/notices/" + id).then().statusCode(401);
        String revocation = TOKENS.revocation(TOKENS.ministry("USA", HOUR));
        post(revocation).statusCode(401);
    }

    @Test
    void aTokenThatCouldNotBeTakenBackIsRefused() {
        long now = Instant.now().getEpochSecond();
        String usa = "{\"iss\":\"chancery\",\"sub\":\"ministry:USA\",\"aud\":[\"foreign-ministry\"],"
                + "\"groups\":[\"ministry\"],\"state\":\"USA\",";
        String withoutId = TOKENS.signExactly(usa + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        post(withoutId).statusCode(401).contentType("application/problem+json").body("title", equalTo("Token without id"));
        String forAYear = TOKENS.signExactly(usa + "\"jti\":\"a-year\",\"iat\":" + now + ",\"exp\":"
                + (now + Duration.ofDays(365).toSeconds()) + "}");
        post(forAYear).statusCode(401).body("title", equalTo("Token lives too long"));
        // Without its issue time, its lifetime is unknown (the token library refuses it before the check does).
        String noIssueTime = TOKENS.signExactly(usa + "\"jti\":\"no-iat\",\"exp\":" + (now + 3600) + "}");
        post(noIssueTime).statusCode(401).contentType("application/problem+json");
        post(TOKENS.signExactly(usa + "\"jti\":\"fine\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}"))
                .statusCode(202);
        assertThrows(IllegalArgumentException.class, () -> TOKENS.ministry("USA", Duration.ofDays(91)),
                "the issuer makes none it would refuse");
        post(TOKENS.ministry("USA", LocalTokens.LONGEST_LIFETIME)).statusCode(202);
    }

    @Test
    void aRevokedTokenIsRefusedWithinSecondsAndItsHoldersOtherTokensAreNot() {
        String revoked = TOKENS.ministry("USA", HOUR);
        String other = TOKENS.ministry("USA", HOUR);
        post(revoked).statusCode(202);
        revoke(LocalTokens.revocationKey(revoked), TOKENS.revocation(revoked));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> post(revoked).statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Token revoked"))
                .body("detail", containsString(LocalTokens.revocationKey(revoked))));
        given().header("Authorization", "Bearer " + revoked).get("/routes?from=USA&to=DEU").then().statusCode(401);
        post(other).statusCode(202);
    }

    @Test
    void aRevocationTheIssuerDidNotSignRevokesNothingAndIsSetAside() {
        String token = TOKENS.ministry("USA", HOUR);
        String forged = LocalTokens.ephemeral().revocation(token);
        String mislabelled = TOKENS.revocation(token);
        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, Topics.DEAD_LETTER)) {
            revoke(LocalTokens.revocationKey(token), forged);
            revoke("another-token-id", mislabelled);
            revoke(LocalTokens.revocationKey(token), "not a JWT");
            List<ConsumerRecord<String, String>> set = deadLetters.await(r -> Topics.TOKENS_REVOKED.equals(
                    TopicProbe.header(r, "dead-letter-topic")), 3, Duration.ofSeconds(30));
            assertTrue(set.stream().allMatch(r -> TopicProbe.header(r, "dead-letter-reason")
                    .startsWith("not a revocation signed by the token issuer")), () -> set.toString());
        }
        post(token).statusCode(202);
    }

    private void revoke(String tokenId, String revocation) {
        TopicProbe.send(bootstrap, Topics.TOKENS_REVOKED, tokenId, revocation, Map.of());
    }
}
