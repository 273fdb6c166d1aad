package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record that cannot be read, and one that reads but is not valid, on every topic a service
 * consumes: each consumer sends each to the dead-letter topic, saying why, where it was and who
 * refused it, and goes on with the next good record.
 */
@ExtendWith(RunningSystem.class)
class DeadLetterIT {

    /** How the keys of the records this test injects begin. */
    static final String POISON = "poison-";

    /** Every consumed topic, both lanes of each step, and the services that consume it. */
    static final Map<String, List<String>> CONSUMERS = consumers();

    private static Map<String, List<String>> consumers() {
        Map<HopTopic, List<String>> steps = Map.of(
                HopTopic.DISPATCH_EMBASSY, List.of("embassy", "audit"),
                HopTopic.DISPATCH_HOTLINE, List.of("hotline", "audit"),
                HopTopic.DISPATCH_PROTECTING_POWER, List.of("protecting-power", "audit"),
                HopTopic.DELIVERY, List.of("foreign-ministry", "audit"),
                HopTopic.NOTICES, List.of("audit"));
        Map<String, List<String>> consumers = new HashMap<>();
        for (Lane lane : Lane.values()) {
            steps.forEach((step, services) -> consumers.put(step.in(lane), services));
        }
        Topics.REGISTRY_TOPICS.forEach(topic -> consumers.put(topic, List.of("foreign-ministry")));
        consumers.put(Topics.REGISTRY_MANDATES, List.of("foreign-ministry", "audit"));
        return Map.copyOf(consumers);
    }

    /**
     * Not JSON at all; JSON that is no hop; an entry filed under another entry's key; a hop that reads as
     * one but holds a number its canonical form cannot (before, one such record stopped a lane for good).
     */
    static final List<String> POISONS = List.of("{\"schemaVersion\":2,\"eventId\":",
            "{\"schemaVersion\":2,\"eventId\":\"not-a-uuid\",\"type\":\"notice.delivered\"}",
            "{\"sending\":\"USA\",\"host\":\"DEU\",\"resident\":true,\"hotlineId\":\"X\",\"protecting\":\"CHE\"}",
            withAFraction());

    private static String withAFraction() {
        Notice notice = Notice.of("USA", "RUS", NoticeKind.NOTE_VERBALE, Precedence.FLASH, Classification.UNCLASSIFIED,
                "s", "b", null);
        HopEvent hop = HopEvent.first(UUID.randomUUID(), "hotline", "ministry:USA", "hotline:US-RU-DCL", notice,
                List.of(new Route(Channel.HOTLINE, List.of("hotline:US-RU-DCL"), "poison")));
        ObjectNode tree = (ObjectNode) HopEvents.readTree(HopEvents.toJson(hop));
        tree.put("x", 1.5);
        return tree.toString();
    }

    @Test
    void everyConsumerDeadLettersWhatItCannotProcessAndGoesOn() {
        String bootstrap = RunningSystem.stack().bootstrapServers();
        List<ProducerRecord<String, String>> poisons = new ArrayList<>();
        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, Topics.DEAD_LETTER)) {
            CONSUMERS.keySet().forEach(topic -> POISONS.forEach(value ->
                    poisons.add(new ProducerRecord<>(topic, POISON + UUID.randomUUID(), value))));
            TopicProbe.sendAll(bootstrap, poisons);

            int expected = poisons.stream().mapToInt(p -> CONSUMERS.get(p.topic()).size()).sum();
            List<ConsumerRecord<String, String>> dead = deadLetters.await(
                    r -> r.key() != null && r.key().startsWith(POISON), expected, Notices.WAIT);
            for (ProducerRecord<String, String> poison : poisons) {
                List<ConsumerRecord<String, String>> letters = dead.stream()
                        .filter(r -> poison.key().equals(r.key())).toList();
                assertEquals(CONSUMERS.get(poison.topic()), letters.stream()
                        .map(r -> TopicProbe.header(r, "dead-letter-service")).sorted(this::consumersFirst).toList(),
                        "who dead-lettered " + poison.value() + " from " + poison.topic());
                for (ConsumerRecord<String, String> letter : letters) {
                    assertEquals(poison.value(), letter.value());
                    assertEquals(poison.topic(), TopicProbe.header(letter, "dead-letter-topic"));
                    assertFalse(TopicProbe.header(letter, "dead-letter-reason").isBlank());
                    assertFalse(TopicProbe.header(letter, "dead-letter-offset").isBlank());
                }
            }
        }

        // Every consumer goes on: a notice by each channel arrives and verifies.
        for (String[] route : new String[][] {{"USA", "DEU", "ROUTINE"}, {"USA", "RUS", "FLASH"},
                {"USA", "IRN", "PRIORITY"}}) {
            String kind = "FLASH".equals(route[2]) ? "DECONFLICTION_NOTICE" : "NOTE_VERBALE";
            String id = Notices.accepted(route[0], route[1], kind, route[2]);
            Notices.awaitStatus(id, "ACKNOWLEDGED");
            Notices.awaitVerifiedPath(id);
        }
        given().baseUri(Notices.ministry()).get("/routes?from=USA&to=IRN").then().statusCode(200)
                .body("deliverable", equalTo(true));
    }

    /** The channel or ministry that owns a topic before the audit that reads every topic. */
    private int consumersFirst(String a, String b) {
        return Boolean.compare("audit".equals(a), "audit".equals(b));
    }
}
