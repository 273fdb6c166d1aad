package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notes that answer one another, through the running system: each note numbered by its sending
 * ministry, a reply carrying what it answers through every hop, the exchange followed from both
 * sides, and the replies that cannot be sent refused without touching what was.
 */
@ExtendWith(RunningSystem.class)
class CorrespondenceIT {

    static final String NOTE = """
            {"from":"%s","to":%s,"kind":"NOTE_VERBALE","subject":"%s",
             "body":"The Ministry presents its compliments and has the honour to refer to the matter.",
             "inReplyTo":%s,"references":%s}
            """;

    static RequestSpecification as(String state) {
        return given().baseUri(Notices.ministry()).header("Authorization",
                "Bearer " + RunningSystem.stack().tokens().ministry(state, Duration.ofHours(1)));
    }

    static io.restassured.response.Response write(String from, String to, String subject, String inReplyTo,
            String references) {
        return as(from).contentType(ContentType.JSON).body(NOTE.formatted(from, to.startsWith("[") ? to : "\"" + to + "\"",
                subject, inReplyTo == null ? "null" : "\"" + inReplyTo + "\"",
                references == null ? "null" : "\"" + references + "\"")).post("/notices");
    }

    static JsonPath awaitStatus(String reader, String id, String status) {
        await().atMost(Notices.WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                as(reader).get("/notices/" + id).then().statusCode(200).body("status", equalTo(status)));
        return as(reader).get("/notices/" + id).then().extract().jsonPath();
    }

    @Test
    void aNoteAndItsAnswerMakeOneThreadSeenFromBothSides() {
        String year = String.valueOf(Year.now(ZoneOffset.UTC).getValue());
        JsonPath first = write("USA", "DEU", "Consular access", null, null).then().statusCode(202)
                .body("reference", matchesPattern("USA " + year + "/\\d{5}")).extract().jsonPath();
        String note = first.getString("id");
        awaitStatus("USA", note, "ACKNOWLEDGED");

        // Delivered to Berlin, unread until opened, with its number.
        as("DEU").get("/notices?box=received").then().statusCode(200)
                .body("notes.find { it.id == '" + note + "' }.reference", equalTo(first.getString("reference")))
                .body("notes.find { it.id == '" + note + "' }.read", equalTo(false))
                .body("notes.find { it.id == '" + note + "' }.direction", equalTo("RECEIVED"))
                .body("unread", greaterThanOrEqualTo(1));
        as("DEU").post("/notices/" + note + "/read").then().statusCode(204);
        as("DEU").get("/notices/" + note).then().body("read", equalTo(true));
        as("FRA").post("/notices/" + note + "/read").then().statusCode(404);

        String cited = "Note No. " + first.getString("reference") + " of today";
        JsonPath reply = write("DEU", "USA", "Re: Consular access", note, cited).then().statusCode(202)
                .body("reference", matchesPattern("DEU " + year + "/\\d{5}"))
                .body("inReplyTo", equalTo(note)).body("references", equalTo(cited)).extract().jsonPath();
        String answer = reply.getString("id");
        awaitStatus("DEU", answer, "ACKNOWLEDGED");

        as("USA").get("/notices/" + note + "/thread").then().statusCode(200)
                .body("notes.id", contains(note, answer))
                .body("notes.direction", contains("SENT", "RECEIVED"))
                .body("notes[1].inReplyTo", equalTo(note))
                .body("notes[1].reference", equalTo(reply.getString("reference")));
        as("DEU").get("/notices/" + note + "/thread").then().statusCode(200)
                .body("notes.id", contains(note, answer))
                .body("notes.direction", contains("RECEIVED", "SENT"));
        // An auditor follows the exchange from either end.
        given().baseUri(Notices.ministry()).get("/notices/" + answer + "/thread").then().statusCode(200)
                .body("notes.id", contains(note, answer));
        // The reply's hops carry what it answers, covered by the hash chain the audit verifies.
        JsonPath path = Notices.awaitVerifiedPath(answer);
        assertEquals(note, path.getString("notice.inReplyTo"), path::prettify);
        assertEquals(reply.getString("reference"), path.getString("notice.reference"));
    }

    @Test
    void aReplyThatCannotBeSentIsRefusedAndChangesNothing() {
        String note = write("USA", "DEU", "Overflight", null, null).then().statusCode(202).extract().path("id");
        JsonPath before = awaitStatus("USA", note, "ACKNOWLEDGED");

        // A ministry that may not read the note cannot answer it: no such notice, as reading it says.
        write("FRA", "DEU", "Re: Overflight", note, null).then().statusCode(404)
                .contentType(containsString("problem+json"));
        // A note between other states.
        write("USA", "FRA", "Re: Overflight", note, null).then().statusCode(422)
                .body("detail", containsString(note)).body("detail", containsString("from USA to DEU"));
        // No such note at all.
        String none = UUID.randomUUID().toString();
        write("USA", "DEU", "Re: nothing", none, null).then().statusCode(422).body("detail", containsString(none));
        // Not a notice id.
        write("USA", "DEU", "Re: nothing", "not-an-id", null).then().statusCode(400);
        // A reply goes to one state.
        write("USA", "[\"DEU\",\"FRA\"]", "Re: Overflight", note, null).then().statusCode(422)
                .body("title", equalTo("A reply goes to one state"));
        // A circular note: its sender answers one copy, not the circular; to anyone else it is no notice.
        String circular = write("USA", "[\"DEU\",\"ITA\"]", "Circular", null, null).then().statusCode(202)
                .extract().path("id");
        write("USA", "DEU", "Re: Circular", circular, null).then().statusCode(422)
                .body("title", equalTo("A circular note"));
        write("CAN", "USA", "Re: Circular", circular, null).then().statusCode(404);
        // The thread of a note the reader does not hold.
        as("FRA").get("/notices/" + note + "/thread").then().statusCode(404);

        JsonPath after = as("USA").get("/notices/" + note).then().extract().jsonPath();
        assertEquals(before.getString("status"), after.getString("status"));
        assertEquals(before.getList("statusHistory"), after.getList("statusHistory"));
        as("USA").get("/notices/" + note + "/thread").then().body("notes.id", contains(note));
    }

    @Test
    void notesSentAtOnceGetNumbersInOneSequenceNoneTwice() throws Exception {
        int count = 24;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<String>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sent.add(senders.submit(() -> write("NOR", "SWE", "Numbering", null, null).then().statusCode(202)
                        .extract().<String>path("reference")));
            }
            Set<Integer> numbers = new TreeSet<>();
            for (Future<String> reference : sent) {
                String r = reference.get();
                assertTrue(r.matches("NOR \\d{4}/\\d{5}"), r);
                assertTrue(numbers.add(Integer.parseInt(r.substring(r.indexOf('/') + 1))), "given twice: " + r);
            }
            // Nothing refused, so nothing skipped: one run of consecutive numbers.
            int lowest = numbers.iterator().next();
            assertEquals(lowest + count - 1, ((TreeSet<Integer>) numbers).last(), numbers::toString);
        } finally {
            senders.shutdownNow();
        }
        as("NOR").get("/notices?box=sent&size=" + count).then().statusCode(200)
                .body("notes.reference", hasItem(matchesPattern("NOR \\d{4}/\\d{5}")));
    }

    /** A desk's stream, as "event data" lines, from the moment it says it is ready. */
    static BlockingQueue<String> listen(HttpClient client, String state) throws Exception {
        HttpRequest listen = HttpRequest.newBuilder(URI.create(Notices.ministry() + "/notices/events"))
                .header("Authorization", "Bearer " + RunningSystem.stack().tokens().ministry(state, Duration.ofHours(1)))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> stream = client.send(listen, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(event + " " + line.substring(5).trim());
                    }
                }
            } catch (java.io.IOException e) {
                events.add("closed " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        // Once ready, every change is heard; what happened before is not replayed.
        String first = events.poll(Notices.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(first != null && first.startsWith("ready"), String.valueOf(first));
        return events;
    }

    static List<String> awaitEvent(BlockingQueue<String> events, List<String> heard, String... parts) {
        await().atMost(Notices.WAIT).until(() -> {
            events.drainTo(heard);
            return heard.stream().anyMatch(e -> java.util.Arrays.stream(parts).allMatch(e::contains));
        });
        return heard;
    }

    @Test
    void openDesksHearTheirNoteAcknowledgedAndDelivered() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        BlockingQueue<String> tokyo = listen(client, "JPN");
        BlockingQueue<String> seoul = listen(client, "KOR");
        String note = write("JPN", "KOR", "Fisheries", null, null).then().statusCode(202).extract().path("id");
        String reference = as("JPN").get("/notices/" + note).then().extract().path("reference");

        List<String> heard = awaitEvent(tokyo, new ArrayList<>(), "sent ", note, "ACKNOWLEDGED", reference);
        // Notes taken in before the desk opened are not announced again (a later change of theirs would be).
        assertTrue(heard.stream().filter(e -> e.startsWith("sent") && e.contains("IN_TRANSIT"))
                .allMatch(e -> e.contains(note)), "nothing replayed: " + heard);
        awaitEvent(seoul, new ArrayList<>(), "received ", note);

        // Without a ministry's token there is nothing to hear.
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(Notices.ministry() + "/notices/events")).build();
        assertEquals(401, client.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
