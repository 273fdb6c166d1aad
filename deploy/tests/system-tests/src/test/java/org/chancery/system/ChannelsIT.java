package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.chancery.local.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every channel, re-routing, deadlines and returned notes, through the running system. */
@ExtendWith(RunningSystem.class)
class ChannelsIT {

    /** The hops of a notice relayed by a third party on its way and its receipt's. */
    private static final List<String> RELAYED_BOTH_WAYS = List.of("chancery.notice.dispatched",
            "chancery.notice.relayed", "chancery.notice.delivered", "chancery.notice.acknowledged",
            "chancery.receipt.relayed", "chancery.receipt.delivered", "chancery.receipt.recorded");

    @Test
    void aFlashDeconflictionNoticeGoesOverTheDeconflictionLineAndIsAcknowledged() {
        String id = Notices.accepted("USA", "RUS", "DECONFLICTION_NOTICE", "FLASH");
        JsonPath notice = Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals("HOTLINE", notice.getString("route.channel"));
        assertEquals("hotline:US-RU-EUCOM-NDMC", notice.getString("route.attempts[0].via"));
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.service", contains("foreign-ministry", "hotline", "foreign-ministry", "hotline",
                        "foreign-ministry"))
                .body("hops.to", contains("hotline:US-RU-EUCOM-NDMC", "ministry:RUS", "hotline:US-RU-EUCOM-NDMC",
                        "ministry:USA", "ministry:USA"));
    }

    @Test
    void aNoteToIranTravelsThroughTheSwissProtectingPowerAndBack() {
        String id = Notices.accepted("USA", "IRN", "NOTE_VERBALE", "PRIORITY");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.type", equalTo(RELAYED_BOTH_WAYS))
                .body("hops.to", contains("protecting-power:CHE", "interests-section:USA@IRN", "ministry:IRN",
                        "interests-section:USA@IRN", "protecting-power:CHE", "ministry:USA", "ministry:USA"));
    }

    @Test
    void aNoteToNorthKoreaGoesByTheNewYorkChannelSwedensMandateBeingConsular() {
        String id = Notices.accepted("USA", "PRK", "NOTE_VERBALE", "IMMEDIATE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals("mission:USA@UN", Notices.awaitVerifiedPath(id).getString("hops[0].to"));
        assertTrue(given().baseUri(Notices.ministry()).get("/routes?from=USA&to=PRK").then().extract()
                .jsonPath().<String>getList("unavailable").stream().anyMatch(u -> u.contains("SWE's mandate is consular only")));
    }

    @Test
    void japanWritesToNorthKoreaThroughTheTwoEmbassiesInBeijing() {
        String id = Notices.accepted("JPN", "PRK", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.type", equalTo(RELAYED_BOTH_WAYS))
                .body("hops.to", contains("embassy:JPN@CHN", "embassy:PRK@CHN", "ministry:PRK", "embassy:PRK@CHN",
                        "embassy:JPN@CHN", "ministry:JPN", "ministry:JPN"));
        given().baseUri(Notices.ministry()).get("/relations/JPN/PRK").then().statusCode(200)
                .body("relation.status", equalTo("NONE"))
                .body("missionOfFirst.thirdCapital", equalTo("CHN"));
    }

    @Test
    void iranSummonsTheSwissAmbassadorForTheUnitedStatesWhoPassesTheNoteOn() {
        String id = Notices.accepted("IRN", "USA", "SUMMONS", "IMMEDIATE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.to", contains("protecting-power:CHE", "ministry:USA", "protecting-power:CHE", "ministry:IRN",
                        "ministry:IRN"));
    }

    @Test
    void aLaunchNotifiedLateIsSentMarkedLateAndTheAuditListsTheBreach() {
        Instant launch = Instant.now().plusSeconds(2 * 3600);
        String id = given().baseUri(Notices.ministry()).contentType(io.restassured.http.ContentType.JSON).body("""
                {"from":"USA","to":"RUS","kind":"TREATY_NOTIFICATION","precedence":"ROUTINE",
                 "subject":"ICBM launch","body":"Planned launch date, launch area and impact area as annexed.",
                 "regime":"BMLNA-1988","eventAt":"%s"}
                """.formatted(launch)).post("/notices").then().statusCode(202)
                .body("late.owed", equalTo("PT24H")).extract().path("id");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        JsonPath path = Notices.awaitVerifiedPath(id);
        assertEquals("PT24H", path.getString("notice.late.owed"));
        assertTrue(path.getString("breaches[0]").startsWith("given late under BMLNA-1988"), path.getString("breaches"));
    }

    @Test
    void aNoteFromFranceToGermanyGoesByFrancesEmbassyInBerlin() {
        String id = Notices.accepted("FRA", "DEU", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals("embassy:FRA@DEU", Notices.awaitVerifiedPath(id).getString("hops[0].to"));
    }

    @Test
    void aNoteToFijiGoesByAfghanistansEmbassyInCanberraAccreditedThere() {
        String id = Notices.accepted("AFG", "FJI", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.to", contains("embassy:AFG@AUS", "ministry:FJI", "embassy:AFG@AUS", "ministry:AFG",
                        "ministry:AFG"));
    }

    @Test
    void whereNoEmbassyServesThePermanentMissionsInNewYorkCarryTheNoteAndTheReceipt() {
        String id = Notices.accepted("TUV", "BTN", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        given().baseUri(Notices.audit()).get("/notices/" + id + "/path").then()
                .body("hops.type", equalTo(RELAYED_BOTH_WAYS))
                .body("hops.to", contains("mission:TUV@UN", "mission:BTN@UN", "ministry:BTN", "mission:BTN@UN",
                        "mission:TUV@UN", "ministry:TUV", "ministry:TUV"));
    }

    @Test
    void aRoutineLaunchNotificationADayAheadGoesByTheRiskReductionCentres() {
        Instant launch = Instant.now().plusSeconds(25 * 3600);
        String id = given().baseUri(Notices.ministry()).contentType(io.restassured.http.ContentType.JSON).body("""
                {"from":"USA","to":"RUS","kind":"TREATY_NOTIFICATION","precedence":"ROUTINE",
                 "subject":"ICBM launch","body":"Planned launch date, launch area and impact area as annexed.",
                 "regime":"BMLNA-1988","eventAt":"%s"}
                """.formatted(launch)).post("/notices").then().statusCode(202).extract().path("id");
        JsonPath notice = Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals("hotline:US-RU-NRRC", notice.getString("route.attempts[0].via"));
        assertEquals("BMLNA-1988", notice.getString("regime"));
        JsonPath path = Notices.awaitVerifiedPath(id);
        assertEquals("BMLNA-1988", path.getString("notice.regime"));
    }

    @Test
    void aCircularNoteGoesToEachRecipientByItsOwnChannelAndTheAuditShowsTheFanOut() {
        List<String> recipients = List.of("DEU", "IRN", "PRK", "FJI", "BTN");
        String id = given().baseUri(Notices.ministry()).contentType(io.restassured.http.ContentType.JSON).body("""
                {"from":"USA","to":["DEU","IRN","PRK","FJI","BTN"],"kind":"NOTE_VERBALE","precedence":"ROUTINE",
                 "subject":"Change of address","body":"The Department of State informs of its new address."}
                """).post("/notices").then().statusCode(202).extract().path("id");
        JsonPath circular = Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals(recipients, circular.getList("copies.to"));
        assertEquals(5, circular.getInt("counts.acknowledged"));
        List<String> channels = new java.util.ArrayList<>();
        for (String copy : circular.<String>getList("copies.noticeId")) {
            JsonPath path = Notices.awaitVerifiedPath(copy);
            assertEquals(id, path.getString("notice.circular"));
            channels.add(given().baseUri(Notices.ministry()).get("/notices/" + copy).then().extract().path("route.channel"));
        }
        assertTrue(channels.containsAll(List.of("EMBASSY", "PROTECTING_POWER")), channels::toString);
        given().baseUri(Notices.audit()).get("/circulars/" + id).then().statusCode(200)
                .body("from", equalTo("USA"))
                .body("copies", equalTo(5))
                .body("byStatus.ACKNOWLEDGED", equalTo(5))
                .body("allVerified", equalTo(true))
                .body("items.to", containsInAnyOrder(recipients.toArray()));
    }

    @Test
    void canadaWritesToPyongyangByItsEmbassyInSeoulAccreditedThere() {
        String id = Notices.accepted("CAN", "PRK", "NOTE_VERBALE", "ROUTINE");
        JsonPath notice = Notices.awaitStatus(id, "ACKNOWLEDGED");
        assertEquals("embassy:CAN@KOR", notice.getString("route.attempts[0].via"));
        Notices.awaitVerifiedPath(id);
    }

    @Test
    void aMediatorIsPlannedOnlyWhenAllowedLastAndMarkedInformal() {
        given().baseUri(Notices.ministry()).get("/routes?from=IRN&to=USA").then()
                .body("routes.collect { it.via[0] }", contains("protecting-power:CHE", "mission:IRN@UN"))
                .body("unavailable", hasItem(containsString("OMN offers its good offices")));
        given().baseUri(Notices.ministry()).get("/routes?from=IRN&to=USA&allowMediator=true").then()
                .body("routes.channel", contains("PROTECTING_POWER", "EMBASSY", "MEDIATOR"))
                .body("routes[2].via", contains("mediator:OMN"))
                .body("routes[2].informal", equalTo(true));
    }

    @Test
    void aNoteBetweenStatesThatDoNotRecogniseEachOtherIsRefusedWithTheFactAndItsSource() {
        Notices.submit("ISR", "IRN", "NOTE_VERBALE", "ROUTINE", null).then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("No official channel"))
                .body("detail", containsString("IRN does not recognise ISR"))
                .body("detail", containsString("no-relations.tsv"));
    }

    @Test
    void aReturnedNoteIsReportedRejectedWithTheReason() {
        String id = Notices.accepted("CHE", "ITA", "DEMARCHE", "ROUTINE");
        JsonPath notice = Notices.awaitStatus(id, "REJECTED");
        assertEquals("the Ministry does not accept this démarche", notice.getString("receipt.reason"));
        JsonPath path = Notices.awaitVerifiedPath(id);
        assertEquals("REJECTED", path.getString("hops[4].receipt"));
    }

    @Test
    void aLineTheOperatorTakesDownIsLeftOutOfPlansUntilItIsBack() {
        String routes = "/routes?from=IND&to=PAK&kind=DECONFLICTION_NOTICE&precedence=FLASH";
        given().baseUri(Notices.ministry()).get(routes).then().body("routes[0].via[0]", equalTo("hotline:IN-PK-DGMO"));
        Hotlines.declare("IN-PK-DGMO", "DOWN", "exchange fire near the duty room");
        try {
            await().atMost(Notices.WAIT).untilAsserted(() -> given().baseUri(Notices.ministry()).get(routes).then()
                    .body("routes.channel", contains("EMBASSY"))
                    .body("unavailable", hasItem(startsWith("hotline: IN-PK-DGMO is down (exchange fire near the duty room)"))));
            String id = Notices.accepted("IND", "PAK", "DECONFLICTION_NOTICE", "FLASH");
            assertEquals("EMBASSY", Notices.awaitStatus(id, "ACKNOWLEDGED").getString("route.channel"));
        } finally {
            Hotlines.declare("IN-PK-DGMO", "UP", "restored");
        }
        await().atMost(Notices.WAIT).untilAsserted(() -> given().baseUri(Notices.ministry()).get(routes).then()
                .body("routes[0].via[0]", equalTo("hotline:IN-PK-DGMO")));
    }

    @Test
    void aNoticeOnALineThatGoesDownOnTheWayIsReroutedAndStillAcknowledged() throws SQLException {
        String id = Hotlines.noticeWhoseLineGoesDownOnTheWay("US-RU-EUCOM-NDMC");
        try {
            JsonPath notice = Notices.awaitStatus(id, "ACKNOWLEDGED");
            assertEquals("FAILED", notice.getString("route.attempts[0].state"));
            assertTrue(notice.getString("route.attempts[0].reason").endsWith("is down: cable cut"));
            assertEquals("hotline:US-RU-MILMIL-HIGH", notice.getString("route.attempts[1].via"));
            JsonPath path = Notices.awaitVerifiedPath(id);
            List<String> types = path.getList("hops.type");
            assertTrue(types.contains("chancery.notice.failed"), types::toString);
        } finally {
            Hotlines.declare("US-RU-EUCOM-NDMC", "UP", "repaired");
        }
    }

    @Test
    void aMissedDeadlineIsReportedOverdueAndALateReceiptStillCounts() {
        // Both of IRN→USA's routes held: the Swiss channel, then the New York channel.
        ChildProcess power = RunningSystem.stack().child("protecting-power");
        ChildProcess embassy = RunningSystem.stack().child("embassy");
        Instant deadline = Instant.now().plusSeconds(4);
        power.pause();
        embassy.pause();
        String id;
        try {
            id = Notices.submit("IRN", "USA", "NOTE_VERBALE", "IMMEDIATE", deadline).then().statusCode(202)
                    .extract().path("id");
            JsonPath overdue = Notices.awaitStatus(id, "OVERDUE");
            assertTrue(overdue.getList("statusHistory.status").contains("OVERDUE"));
        } finally {
            power.resume();
            embassy.resume();
        }
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        JsonPath path = Notices.awaitVerifiedPath(id);
        assertTrue(path.getList("hops.type").contains("chancery.notice.overdue"));
        given().baseUri(Notices.ministry()).get("/notices/" + id).then()
                .body("statusHistory.status", contains("ACCEPTED", "IN_TRANSIT", "OVERDUE", "DELIVERED",
                        "ACKNOWLEDGED"))
                .body("status", not(equalTo("OVERDUE")));
    }
}
