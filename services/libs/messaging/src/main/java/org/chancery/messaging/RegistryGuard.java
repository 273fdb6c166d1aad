package org.chancery.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The owner of a registry watches its own topic, so that a record it did not write never stays
 * the latest value of a key unseen. Whoever holds the owner's broker password can write under its
 * keys: a record it did not sign (every reader refuses it, but compaction would keep it and drop
 * the owner's), or a genuine record replayed after a newer one (a reader that read the newer one
 * refuses it; one starting after compaction would not know), or a genuine entry under a key it no
 * longer has. Either way the owner publishes that key's entry again (a tombstone for a key it does
 * not have), with a newer version, within a second: compaction keeps that one instead.
 */
@ApplicationScoped
public class RegistryGuard {

    private static final Logger LOG = Logger.getLogger(RegistryGuard.class);

    @Inject
    HopSigning signing;

    @Inject
    StatePublisher publisher;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final List<TopicTable> tables = new CopyOnWriteArrayList<>();

    /**
     * Watches {@code topic}, whose entries are {@code state}'s ({@code keys} now), from its beginning
     * on. Not if this service cannot check its own signature: it would take every record of its own
     * for a stranger's and publish everything again, every second.
     */
    void watch(String topic, String ceType, Supplier<Map<String, ?>> state, Set<String> keys) {
        if (!signing.checksItsOwnRegistryRecords(topic)) {
            LOG.errorf("%s cannot check its own signature on %s (its public key is not among the trusted keys):"
                    + " the topic is not watched", service, topic);
            return;
        }
        if (watches.putIfAbsent(topic, new Watch(topic, ceType, state, keys)) == null) {
            tables.add(new TopicTable(kafka, service + "-guards-" + topic, List.of(topic), watches.get(topic)::read).start());
        }
    }

    /** Publishes again the keys a stranger's record stands on. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void repair() {
        watches.values().forEach(Watch::repair);
    }

    void stop(@Observes ShutdownEvent event) {
        tables.forEach(TopicTable::close);
    }

    private final class Watch {
        private final String topic;
        private final String ceType;
        private final Supplier<Map<String, ?>> state;
        private volatile Set<String> keys;
        /** The newest version of each key the owner published, as read back. */
        private final Map<String, Instant> newest = new ConcurrentHashMap<>();
        private final Set<String> strangers = ConcurrentHashMap.newKeySet();

        Watch(String topic, String ceType, Supplier<Map<String, ?>> state, Set<String> keys) {
            this.topic = topic;
            this.ceType = ceType;
            this.state = state;
            this.keys = Set.copyOf(keys);
        }

        void read(ConsumerRecord<String, String> record) {
            HopSigning.RegistryRecordCheck check = signing.checkRegistryRecord(record);
            Instant known = newest.get(record.key());
            boolean genuine = check.authenticity().genuine();
            boolean newer = genuine && !check.olderThan(known);
            boolean held = record.value() == null || keys.contains(record.key());
            if (newer) {
                newest.put(record.key(), check.version());
            }
            if (newer && held) {
                return;
            }
            // A genuine entry under a key given up since is followed by its tombstone, if the topic
            // still holds its history: publishing one more is harmless.
            LOG.warnf("%s-%d@%d under key %s is not %s's latest (%s): publishing its entry again", topic,
                    record.partition(), record.offset(), record.key(), service,
                    !genuine ? check.authenticity() : newer ? "an entry it does not have"
                            : "a version of " + check.version() + ", older than " + known);
            strangers.add(record.key());
        }

        void repair() {
            if (strangers.isEmpty()) {
                return;
            }
            Set<String> repaired = Set.copyOf(strangers);
            strangers.removeAll(repaired);
            try {
                keys = publisher.publishAgain(topic, ceType, repaired, state);
            } catch (RuntimeException e) {
                // Tried again on the next round: until then the stranger's record stands.
                strangers.addAll(repaired);
                LOG.warnf("%s: publishing %s again failed, trying again: %s", topic, repaired, e.toString());
            }
        }
    }
}
