package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Digests;
import org.chancery.events.HopEvents;
import org.chancery.events.Topics;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The diplomatic bag, end to end on the running system: every body travels sealed for the receiving
 * ministry, whatever its classification. No record on any topic holds the text; the audit keeps
 * the digest and the size but neither the text nor the sealed body; no log holds it; and the
 * receiving ministry, alone, has it opened.
 */
@ExtendWith(RunningSystem.class)
class SealedBodyIT {

    @Test
    void aBodyIsReadOnlyByTheReceivingMinistry() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String classification : List.of("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP_SECRET")) {
            String text = "in the bag " + classification + " " + UUID.randomUUID();
            texts.put(submit(classification, text), text);
        }
        List<String> bags = new ArrayList<>();
        for (Map.Entry<String, String> notice : texts.entrySet()) {
            String id = notice.getKey();
            Notices.awaitStatus(id, "ACKNOWLEDGED");
            JsonPath path = Notices.awaitVerifiedPath(id);
            assertNull(path.get("notice.body"), id);
            assertNotEquals(Digests.sha256Hex(notice.getValue()), path.get("notice.bodyDigest"), "digest of the bag");
            assertTrue(path.getInt("bodyBytes") > notice.getValue().length(), "size of the bag: " + path.get("bodyBytes"));
            assertEquals(notice.getValue(), received(id), "opened by the receiving ministry");
        }

        String bootstrap = RunningSystem.stack().bootstrapServers();
        try (TopicProbe everyTopic = TopicProbe.on(bootstrap,
                Topics.CATALOGUE.stream().map(Topics.TopicSpec::name).toArray(String[]::new))) {
            List<ConsumerRecord<String, String>> carried = everyTopic.await(r -> texts.containsKey(r.key()) && r.value() != null
                    && r.value().contains("\"body\""), 2 * texts.size(), Duration.ofSeconds(60));
            carried.forEach(r -> bags.add(HopEvents.readTree(r.value()).path("notice").path("body").asText()));
            List<ConsumerRecord<String, String>> all = everyTopic.settle(r -> true, Duration.ofSeconds(5));
            for (String text : texts.values()) {
                assertEquals(List.of(), all.stream().filter(r -> String.valueOf(r.value()).contains(text))
                        .map(r -> r.topic() + "@" + r.offset()).toList(), "records on the broker holding the text");
            }
        }
        for (String bag : bags) {
            assertTrue(bag.startsWith("bag-v1:DEU."), bag);
            assertEquals(0, auditRowsHolding(bag.substring(bag.lastIndexOf(':') + 1)), "the audit keeps no sealed body");
        }
        for (String text : texts.values()) {
            assertEquals(0, auditRowsHolding(text), "the audit keeps no body");
            assertEquals(List.of(), logsHolding(text), "no body is written to a log");
        }
    }

    private static String submit(String classification, String body) {
        return given().baseUri(Notices.ministry()).contentType(ContentType.JSON).body("""
                {"from":"USA","to":"DEU","kind":"NOTE_VERBALE","classification":"%s","subject":"Sealed",
                 "body":"%s"}""".formatted(classification, body)).post("/notices").then().statusCode(202)
                .extract().path("id");
    }

    private static String received(String id) throws Exception {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(
                        "select body from foreign_ministry.received_notice where id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(RunningSystem.database().url(), RunningSystem.database().user(),
                RunningSystem.database().password());
    }

    private static int auditRowsHolding(String text) throws Exception {
        int rows = 0;
        try (Connection db = connect()) {
            for (String table : List.of("audit.hop", "audit.hop_conflict", "audit.rejected_hop")) {
                try (PreparedStatement query = db.prepareStatement("select count(*) from " + table
                        + " where payload like ?")) {
                    query.setString(1, "%" + text + "%");
                    try (ResultSet result = query.executeQuery()) {
                        result.next();
                        rows += result.getInt(1);
                    }
                }
            }
        }
        return rows;
    }

    private static List<Path> logsHolding(String text) throws IOException {
        try (Stream<Path> files = Files.walk(RunningSystem.logs())) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, text)).toList();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
