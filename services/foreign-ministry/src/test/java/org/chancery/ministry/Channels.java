package org.chancery.ministry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.testkit.TestKeys;
import org.chancery.testkit.TopicProbe;
import org.chancery.events.Topics;
import org.chancery.ministry.domain.ReferenceData;

/**
 * The test plays the channel services: it publishes their registries, from the reference files
 * they ship, signed as they would sign them, and waits until the ministry plans with them.
 */
final class Channels {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The brokers the registries went to: a test profile of its own may bring a broker of its own. */
    private static final Set<String> PUBLISHED_TO = new HashSet<>();

    private Channels() {
    }

    static synchronized void publishRegistries(String bootstrap) {
        if (PUBLISHED_TO.add(bootstrap)) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            ReferenceData.MISSIONS.forEach(m -> records.add(record(Topics.REGISTRY_MISSIONS, m.key(), m)));
            ReferenceData.HOTLINES.forEach(h -> records.add(record(Topics.REGISTRY_HOTLINES, h.key(), h)));
            ReferenceData.MANDATES.forEach(m -> records.add(record(Topics.REGISTRY_MANDATES, m.key(), m)));
            TopicProbe.sendAll(bootstrap, records);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/routes?from=USA&to=IRN").then()
                .statusCode(200).body("deliverable", equalTo(true)));
    }

    static ProducerRecord<String, String> record(String topic, String key, Object entry) {
        try {
            return TestKeys.signRecord(new ProducerRecord<>(topic, key, entry == null ? null : JSON.writeValueAsString(entry)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
