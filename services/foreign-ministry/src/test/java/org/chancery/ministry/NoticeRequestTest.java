package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.chancery.testkit.ChanceryTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Requests the ministry refuses, each with a problem body that says why. */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class NoticeRequestTest {

    private static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/notices").then()
                .contentType("application/problem+json");
    }

    private static ValidatableResponse accept(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/notices").then().statusCode(202);
    }

    private static String with(String field, String value) {
        String base = "{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\",\"subject\":\"s\",\"body\":\"b\"";
        return base + (field == null ? "" : ",\"" + field + "\":" + value) + "}";
    }

    @Test
    void malformedJson() {
        post("{\"from\":\"USA\",").statusCode(400).body("title", equalTo("Unreadable request body"))
                .body("status", equalTo(400));
    }

    @Test
    void noBodyAtAll() {
        post("null").statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void aTimeWithoutItsZone() {
        post(with("deliverBy", "\"2027-01-01T00:00:00\"")).statusCode(400)
                .body("detail", containsString("is not a UTC time such as 2027-01-01T12:00:00Z"));
    }

    @Test
    void unknownField() {
        post(with("priority", "\"HIGH\"")).statusCode(400).body("detail", containsString("unknown field 'priority'"));
    }

    @Test
    void invalidEnum() {
        post(with("precedence", "\"URGENT\"")).statusCode(400)
                .body("detail", containsString("'URGENT' is not one of [FLASH, IMMEDIATE, PRIORITY, ROUTINE]"));
    }

    @Test
    void missingFields() {
        post("{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\"}").statusCode(400)
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("body"));
    }

    @Test
    void badStateCode() {
        post(with(null, null).replace("\"DEU\"", "\"Germany\"")).statusCode(400)
                .body("errors[0].field", equalTo("to[0]"));
        post(with(null, null).replace("\"DEU\"", "[\"ITA\",\"Germany\"]")).statusCode(400)
                .body("errors[0].field", equalTo("to[1]"));
    }

    @Test
    void unknownState() {
        post(with(null, null).replace("\"DEU\"", "\"XYZ\"")).statusCode(422)
                .body("detail", equalTo("XYZ is not a state Chancery knows; GET /states lists them"));
        post(with(null, null).replace("\"DEU\"", "\"FRQ\"")).statusCode(422)
                .body("detail", containsString("did you mean FRA (France)"));
    }

    private static String launch(String to, String regimeAndEvent) {
        return "{\"from\":\"USA\",\"to\":\"" + to + "\",\"kind\":\"TREATY_NOTIFICATION\",\"subject\":\"ICBM launch\","
                + "\"body\":\"Launch area and impact area as annexed.\"," + regimeAndEvent + "}";
    }

    @Test
    void aNoticeUnderARegimeKeepsItsRules() {
        post(launch("RUS", "\"regime\":\"NOPE\"")).statusCode(422).body("title", equalTo("Unknown regime"))
                .body("detail", containsString("known: BMLNA-1988"));
        post(launch("RUS", "\"regime\":\"NEW-START\"")).statusCode(422).body("title", equalTo("Regime not in force"))
                .body("detail", containsString("expired on 2026-02-05"));
        post(launch("DEU", "\"regime\":\"BMLNA-1988\"")).statusCode(422)
                .body("detail", equalTo("DEU is not a party to BMLNA-1988 (parties: USA, RUS)"));
        post(launch("RUS", "\"regime\":\"OPEN-SKIES\"")).statusCode(422).body("title", equalTo("Not a party"))
                .body("detail", containsString("USA withdrew from OPEN-SKIES on 2020-11-22"));
        post(launch("RUS", "\"regime\":\"BMLNA-1988\"")).statusCode(422).body("title", equalTo("Event time needed"))
                .body("detail", containsString("asks 24 h between the notice and the event"));
        post(launch("RUS", "\"regime\":\"BMLNA-1988\",\"eventAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS)
                + "\"")).statusCode(422).body("title", equalTo("Event passed"));
        // Two hours ahead where a day is owed: sent all the same, and marked late.
        Instant soon = Instant.now().plus(2, ChronoUnit.HOURS);
        String late = accept(launch("RUS", "\"regime\":\"BMLNA-1988\",\"eventAt\":\"" + soon + "\"")).body("late.owed", equalTo("PT24H"))
                .body("late.gave", startsWith("PT1H59M"))
                .body("statusHistory[0].detail", containsString("late under BMLNA-1988: it gave 1 h 59 min of the 24 h owed"))
                .extract().path("id");
        given().get("/notices/" + late).then().body("late.owed", equalTo("PT24H"));
        // A day ahead is not late.
        accept(launch("RUS", "\"regime\":\"BMLNA-1988\",\"eventAt\":\"" + Instant.now().plus(25, ChronoUnit.HOURS)
                + "\"")).body("late", nullValue());
    }

    @Test
    void theRegimesAreListedWithTheirRules() {
        given().get("/regimes").then().statusCode(200)
                .body("find { it.id == 'BMLNA-1988' }.hotline", equalTo("US-RU-NRRC"))
                .body("find { it.id == 'BMLNA-1988' }.leadTime", equalTo("PT24H"))
                .body("find { it.id == 'NEW-START' }.inForce", equalTo(false));
        given().get("/routes?from=USA&to=RUS&regime=NOPE").then().statusCode(422)
                .body("title", equalTo("Unknown regime"));
    }

    @Test
    void everyUnStateIsListedAndOneCanBeRead() {
        given().get("/states").then().statusCode(200).body("size()", equalTo(195))
                .body("find { it.code == 'FRA' }.name", equalTo("France"));
        given().get("/states/TUV").then().statusCode(200).body("unStatus", equalTo("member"))
                .body("researched", equalTo(false));
        given().get("/states/VAT").then().statusCode(200).body("unStatus", equalTo("observer"));
        given().get("/states/TWN").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aStateSendingToItself() {
        post(with(null, null).replace("\"DEU\"", "\"USA\"")).statusCode(422).body("title", equalTo("Notice to itself"));
    }

    @Test
    void aDeadlineInThePast() {
        post(with("deliverBy", "\"2020-01-01T00:00:00Z\"")).statusCode(422).body("title", equalTo("Deadline passed"));
    }

    @Test
    void anAbsurdDeadline() {
        String far = Instant.now().plus(4000, ChronoUnit.DAYS).toString();
        post(with("deliverBy", "\"" + far + "\"")).statusCode(422).body("title", equalTo("Deadline too far"));
    }

    @Test
    void aBodyOverTheLimit() {
        post(with(null, null).replace("\"b\"", "\"" + "x".repeat(20_001) + "\"")).statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body(with(null, null).replace("\"b\"", "\"" + "x".repeat(70_000) + "\""))
                .when().post("/notices").then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Request body too large"));
    }

    @Test
    void aNumberOrABooleanIsNotText() {
        post(with(null, null).replace("\"s\"", "123")).statusCode(400).body("title", equalTo("Unreadable request body"));
        post(with(null, null).replace("\"b\"", "true")).statusCode(400);
        post(with("precedence", "0")).statusCode(400);
        post(with("precedence", "\"\"")).statusCode(400);
        post(with("deliverBy", "1893456000")).statusCode(400);
    }

    @Test
    void anUnknownNotice() {
        given().get("/notices/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("No such notice"));
        given().get("/notices/not-an-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthAndApiDescription() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("hop consumers"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/notices"));
    }
}
