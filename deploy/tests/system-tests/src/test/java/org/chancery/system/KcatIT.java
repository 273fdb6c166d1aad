package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.chancery.events.HopEvents;
import org.chancery.events.HopHash;
import org.chancery.events.Topics;
import org.chancery.local.BrokerCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real outside client: kcat (librdkafka, not Java) subscribed to the notice topics while a
 * notice flows, seeing what any third-party consumer sees. It reads from the beginning of the
 * topics, so whenever its group settles it sees the whole notice.
 */
@ExtendWith(RunningSystem.class)
class KcatIT {

    static final Path KCAT = Path.of(System.getProperty("chancery.kcat", "/usr/bin/kcat"));
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aThirdPartyConsumerSeesKeyedCloudEventsWithVerifiableJson() throws Exception {
        assertTrue(Files.isExecutable(KCAT), "this test needs kcat: apt-get install kcat");
        Path out = Files.createTempFile("kcat", ".jsonl");
        // As an outside consumer logs in: mutual TLS, with the read-only principal's certificate.
        BrokerCertificates tls = RunningSystem.stack().brokerCertificates();
        List<String> command = new ArrayList<>(List.of(KCAT.toString(), "-b", RunningSystem.stack().outsideServers(),
                "-X", "security.protocol=SSL", "-X", "ssl.ca.location=" + tls.ca(),
                "-X", "ssl.keystore.location=" + tls.reader(), "-X", "ssl.keystore.password=" + tls.password(),
                "-G", "reader-kcat-" + UUID.randomUUID(), "-X", "auto.offset.reset=earliest", "-J", "-q", "-u"));
        command.addAll(Topics.HOP_TOPICS);
        Process kcat = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String id;
        try {
            id = Notices.accepted("USA", "DEU", "NOTE_VERBALE", "ROUTINE");
            Notices.awaitVerifiedPath(id);
            awaitLines(out, id, 5);
        } finally {
            kcat.destroy();
            kcat.waitFor(10, TimeUnit.SECONDS);
        }

        List<JsonNode> seen = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode record = JSON.readTree(line);
            if (id.equals(record.path("key").asText())) {
                seen.add(record);
            }
        }
        // Order holds within a partition, not across topics: put the hops in their own order.
        seen.sort(java.util.Comparator.comparingInt(r -> hopNumber(r)));
        assertEquals(List.of("chancery.dispatch.embassy.routine", "chancery.delivery.routine",
                "chancery.dispatch.embassy.routine", "chancery.delivery.routine", "chancery.notices.routine"),
                seen.stream().map(r -> r.path("topic").asText()).toList());
        for (JsonNode record : seen) {
            List<String> headers = new ArrayList<>();
            record.path("headers").forEach(h -> headers.add(h.asText()));
            JsonNode hop = JSON.readTree(record.path("payload").asText());
            assertEquals(hop.path("type").asText(), header(headers, "ce_type"));
            assertEquals(hop.path("eventId").asText(), header(headers, "ce_id"));
            assertEquals(id, header(headers, "ce_subject"));
            assertEquals("1.0", header(headers, "ce_specversion"));
            assertEquals("application/json", header(headers, "content-type"));
            assertEquals(hop.path("hash").asText(), HopHash.of(hop), "the hash a third party recomputes");
            assertEquals(id, HopEvents.fromTree(hop).noticeId().toString());
        }
    }

    private static int hopNumber(JsonNode record) {
        try {
            return JSON.readTree(record.path("payload").asText()).path("hop").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String header(List<String> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (flat.get(i).equals(name)) {
                return flat.get(i + 1);
            }
        }
        return null;
    }

    private static void awaitLines(Path out, String id, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readAllLines(out).stream().filter(l -> l.contains("\"key\":\"" + id + "\"")).count() >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("kcat saw fewer than " + count + " records of " + id);
    }
}
