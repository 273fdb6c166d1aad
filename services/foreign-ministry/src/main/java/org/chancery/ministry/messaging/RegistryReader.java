package org.chancery.ministry.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Service;
import org.chancery.events.Topics;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.DeadLetters;
import org.chancery.messaging.HopSigning;
import org.chancery.messaging.Publisher;
import org.chancery.messaging.TopicTable;
import org.chancery.ministry.domain.ChannelRegistry;
import org.jboss.logging.Logger;

/**
 * Reads the channels' compacted registry topics into the {@link ChannelRegistry} as a
 * {@link TopicTable}: planning needs the whole state, not a share of it. The ministry is ready once
 * it has read everything that was on the topics when it started. Only records signed by the
 * service that owns their topic count, and only if newer than the version of their key read
 * before: any other (a forgery, or a genuine record replayed after a newer one) is dead-lettered
 * and changes no route.
 */
@ApplicationScoped
public class RegistryReader {

    private static final Logger LOG = Logger.getLogger(RegistryReader.class);

    @Inject
    ObjectMapper json;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    Publisher publisher;

    @Inject
    HopSigning signing;

    private final ChannelRegistry registry = new ChannelRegistry();
    /** The version of each key read so far, tombstones included ("topic key" → version). */
    private final Map<String, Instant> versions = new ConcurrentHashMap<>();
    private TopicTable table;

    public ChannelRegistry registry() {
        return registry;
    }

    /** Whether everything on the registry topics when the ministry started has been read. */
    public boolean caughtUp() {
        return table != null && table.caughtUp();
    }

    void start(@Observes StartupEvent event) {
        table = new TopicTable(kafka, "foreign-ministry-registry", Topics.REGISTRY_TOPICS, this::apply).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (table != null) {
            table.close();
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        String value = record.value();
        HopSigning.RegistryRecordCheck check = signing.checkRegistryRecord(record);
        if (!check.authenticity().genuine()) {
            setAside(record, "not a registry record of " + Topics.REGISTRY_OWNERS.get(record.topic()) + ": "
                    + check.authenticity());
            return;
        }
        Instant held = versions.get(record.topic() + " " + key);
        if (check.olderThan(held)) {
            setAside(record, "an older version of " + key + " (" + check.version() + ") than the one read before ("
                    + held + "): replayed");
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.REGISTRY_MISSIONS -> registry.putMission(key, read(key, value, Mission.class, Mission::key));
                case Topics.REGISTRY_HOTLINES -> registry.putHotline(key, read(key, value, Hotline.class, Hotline::key));
                case Topics.REGISTRY_MANDATES -> registry.putMandate(key, read(key, value, Mandate.class, Mandate::key));
                default -> { }
            }
            versions.put(record.topic() + " " + key, check.version());
        } catch (IOException | IllegalArgumentException e) {
            setAside(record, "not a readable registry entry: " + e.getMessage());
        }
    }

    /** A record that changes nothing goes to the dead-letter topic, saying why. */
    private void setAside(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("registry record %s on %s goes to the dead-letter topic: %s", record.key(), record.topic(), reason);
        try {
            publisher.sendAll(List.of(DeadLetters.of(record, Service.FOREIGN_MINISTRY.id(), reason)));
        } catch (Publisher.PublishFailedException unavailable) {
            LOG.warnf("registry record %s not set aside yet: %s", record.key(), unavailable.getMessage());
        }
    }

    /** The entry a record holds (null for a tombstone), refused unless the record's key names it. */
    private <T> T read(String key, String value, Class<T> type, Function<T, String> keyOf) throws IOException {
        if (value == null) {
            return null;
        }
        T entry = json.readValue(value, type);
        if (entry == null || !Objects.equals(key, keyOf.apply(entry))) {
            throw new IllegalArgumentException("its key '" + key + "' does not name the entry it holds");
        }
        return entry;
    }
}
