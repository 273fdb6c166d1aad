package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Party;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A circular note against a real broker and database, with the test playing the embassies: one
 * request makes a copy per recipient, each routed and answered on its own, and the circular stands
 * where its copies do.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class CircularNoteTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Response circulate(String from, String to) {
        return given().contentType(ContentType.JSON).body("""
                {"from":"%s","to":%s,"kind":"NOTE_VERBALE","subject":"Change of address",
                 "body":"The Ministry has the honour to inform all missions of its new address."}
                """.formatted(from, to)).post("/notices");
    }

    @Test
    void aCircularMakesOneCopyPerRecipientAndIsAcknowledgedWhenEveryCopyIs() {
        Channels.publishRegistries(bootstrap);
        try (TopicProbe probe = TopicProbe.on(bootstrap, HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE))) {
            Response accepted = circulate("FRA", "[\"ITA\",\"GBR\",\"JPN\"]");
            accepted.then().statusCode(202)
                    .header("Location", matchesPattern(".*/notices/[0-9a-f-]{36}"))
                    .body("status", equalTo("IN_TRANSIT"))
                    .body("to", contains("ITA", "GBR", "JPN"))
                    .body("copies.to", contains("ITA", "GBR", "JPN"))
                    .body("copies.noticeId", everyItem(notNullValue()))
                    .body("counts.recipients", equalTo(3))
                    .body("counts.pending", equalTo(3));
            String circular = accepted.jsonPath().getString("id");
            Map<String, String> copies = accepted.jsonPath().getList("copies", Map.class).stream()
                    .collect(Collectors.toMap(c -> (String) c.get("to"), c -> (String) c.get("noticeId")));

            List<HopEvent> dispatched = new ArrayList<>();
            for (Map.Entry<String, String> copy : copies.entrySet()) {
                HopEvent hop = HopEvents.fromJson(probe.await(r -> copy.getValue().equals(r.key())
                        && HopType.NOTICE_DISPATCHED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT)
                        .get(0).value());
                assertEquals(copy.getKey(), hop.notice().to());
                assertEquals(UUID.fromString(circular), hop.notice().circular());
                assertEquals("embassy:FRA@" + copy.getKey(), hop.to());
                dispatched.add(hop);
                given().get("/notices/" + copy.getValue()).then().statusCode(200)
                        .body("to", equalTo(copy.getKey())).body("from", equalTo("FRA"));
            }
            given().get("/notices/" + circular + "/receipt").then().statusCode(404)
                    .body("detail", containsString("circular note"));

            // Two copies answered: the circular is still in transit, and says how far it has got.
            for (HopEvent hop : dispatched.subList(0, 2)) {
                acknowledge(probe, hop);
            }
            await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + circular).then().statusCode(200)
                    .body("status", equalTo("IN_TRANSIT"))
                    .body("counts.acknowledged", equalTo(2)).body("counts.pending", equalTo(1)));
            acknowledge(probe, dispatched.get(2));
            await().atMost(WAIT).untilAsserted(() -> given().get("/notices/" + circular).then()
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("counts.acknowledged", equalTo(3)).body("counts.pending", equalTo(0))
                    .body("copies.status", everyItem(equalTo("ACKNOWLEDGED"))));
        }
    }

    private void acknowledge(TopicProbe probe, HopEvent dispatched) {
        String to = dispatched.notice().to();
        HopEvent delivered = dispatched.next(HopType.NOTICE_DELIVERED, "embassy", dispatched.to(), Party.ministry(to))
                .notice(dispatched.notice()).seal();
        send(delivered);
        HopEvent acknowledged = HopEvents.fromJson(probe.await(r -> dispatched.noticeId().toString().equals(r.key())
                && HopType.NOTICE_ACKNOWLEDGED.ceType().equals(TopicProbe.header(r, "ce_type")), 1, WAIT).get(0).value());
        send(acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", dispatched.to(), Party.ministry("FRA"))
                .receipt(acknowledged.receipt(), null).seal());
    }

    private void send(HopEvent hop) {
        TopicProbe.send(bootstrap, HopTopic.DELIVERY.in(Lane.ROUTINE), hop.noticeId().toString(),
                HopEvents.toJson(TestKeys.sign(hop)),
                Map.of("ce_id", hop.eventId().toString(), "ce_type", hop.type().ceType()));
    }

    @Test
    void aRegimesPartiesAreItsRecipients() {
        Channels.publishRegistries(bootstrap);
        given().contentType(ContentType.JSON).body("""
                {"from":"USA","toParties":true,"regime":"VIENNA-DOC-2011","kind":"NOTE_VERBALE",
                 "subject":"Annual exchange of military information","body":"The Government transmits its data."}
                """).post("/notices").then().statusCode(202)
                .body("regime", equalTo("VIENNA-DOC-2011"))
                .body("to", hasSize(56))
                .body("to", hasItems("CAN", "DEU", "RUS", "UKR", "MNG", "VAT"))
                .body("to", not(hasItem("USA")))
                .body("copies", hasSize(56));
    }

    @Test
    void aBadRecipientRefusesTheWholeCircularAndNamesIt() {
        Channels.publishRegistries(bootstrap);
        circulate("FRA", "[\"ITA\",\"GBR\",\"ITA\"]").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("ITA is named more than once"));
        circulate("FRA", "[\"ITA\",\"FRA\"]").then().statusCode(422).body("detail", containsString("FRA cannot give notice to itself"));
        circulate("FRA", "[\"ITA\",\"GBX\"]").then().statusCode(422).body("detail", containsString("GBX is not a state"))
                .body("detail", containsString("GBR"));
        circulate("FRA", "[]").then().statusCode(400);
        List<String> others = otherStates("FRA");
        String tooMany = java.util.stream.Stream.concat(others.stream(), others.stream()).limit(201)
                .map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
        circulate("FRA", tooMany).then().statusCode(422).body("detail", containsString("201 recipients; a circular "
                + "note goes to at most 200"));
        given().contentType(ContentType.JSON).body("""
                {"from":"USA","toParties":true,"kind":"NOTE_VERBALE","subject":"s","body":"b"}
                """).post("/notices").then().statusCode(422).body("title", equalTo("No regime"));
        given().contentType(ContentType.JSON).body("""
                {"from":"USA","to":"RUS","toParties":true,"regime":"BMLNA-1988","kind":"NOTE_VERBALE","subject":"s","body":"b"}
                """).post("/notices").then().statusCode(422).body("title", equalTo("Recipients twice"));
        given().contentType(ContentType.JSON).body("""
                {"from":"USA","kind":"NOTE_VERBALE","subject":"s","body":"b"}
                """).post("/notices").then().statusCode(422).body("title", equalTo("No recipient"));
    }

    @Test
    void aCircularCanGoToEveryOtherState() {
        Channels.publishRegistries(bootstrap);
        List<String> others = otherStates("FRA");
        assertEquals(194, others.size());
        circulate("FRA", others.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]")))
                .then().statusCode(202)
                .body("counts.recipients", equalTo(194)).body("counts.notSent", equalTo(0))
                .body("copies.noticeId", everyItem(notNullValue()));
    }

    private static List<String> otherStates(String state) {
        return given().get("/states").jsonPath().<String>getList("code").stream().filter(c -> !c.equals(state)).toList();
    }

    @Test
    void aCircularIsItsSendersToRead() {
        Channels.publishRegistries(bootstrap);
        String circular = circulate("FRA", "[\"ITA\",\"GBR\"]").then().statusCode(202).extract().path("id");
        given().header("Authorization", "Bearer " + TestKeys.tokens().ministry("ITA", WAIT)).get("/notices/" + circular)
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + TestKeys.tokens().ministry("FRA", WAIT)).get("/notices/" + circular)
                .then().statusCode(200).body("copies", hasSize(2));
    }
}
