package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.chancery.local.LocalTokens;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ministry sends only as its own state and reads only its state's notices; an auditor reads any
 * notice and sends none; without a valid token, nothing but health and the API description.
 */
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
        post(TOKENS.operator(HOUR)).statusCode(403).contentType("application/problem+json");
        post(TOKENS.auditor(HOUR)).statusCode(403);
        post(TOKENS.issue("ministry:USA", List.of("ministry"), null, HOUR)).statusCode(403)
                .body("title", equalTo("Not a ministry"));
        post(TOKENS.ministry("USA", HOUR)).statusCode(202);
    }

    @Test
    void aNoticeIsReadByItsSenderItsReceiverAndAuditorsOnly() {
        String id = post(TOKENS.ministry("USA", HOUR)).statusCode(202).extract().path("id");
        for (String reader : List.of(TOKENS.ministry("USA", HOUR), TOKENS.ministry("DEU", HOUR), TOKENS.auditor(HOUR))) {
            given().header("Authorization", "Bearer " + reader).get("/notices/" + id).then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + TOKENS.ministry("FRA", HOUR)).get("/notices/" + id).then()
                .statusCode(403).body("title", equalTo("Not your notice"));
        given().header("Authorization", "Bearer " + TOKENS.ministry("FRA", HOUR)).get("/notices/" + id + "/receipt")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + TOKENS.operator(HOUR)).get("/notices/" + id).then().statusCode(403);
    }
}
