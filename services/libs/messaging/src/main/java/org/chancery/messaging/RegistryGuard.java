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
 *
 * <p>Once it has read what the topic held when it started, it also publishes again every entry
 * the topic does not hold as last published (a start publishes only what changed since: a broker
 * that lost its data, or records lost or cut out, would otherwise leave keys missing for good).
 * Until then the service is not ready ({@link PublishedRegistryReadiness}).
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

    /**
     * Watches {@code topic}, whose entries are {@code state}'s, published with {@code versions} (the
     * version of every key the topic should hold), from its beginning on. Not if this service cannot
     * check its own signature: it would take every record of its own for a stranger's and publish
     * everything again, every second.
     */
    void watch(String topic, String ceType, Supplier<Map<String, ?>> state, Map<String, Instant> versions) {
        if (!signing.checksItsOwnRegistryRecords(topic)) {
            LOG.errorf("%s cannot check its own signature on %s (its public key is not among the trusted keys):"
                    + " the topic is not watched", service, topic);
            return;
        }
        // Each snapshot reads the topic again from its beginning, for what it published.
        Watch watch = new Watch(topic, ceType, state, versions);
        Watch before = watches.put(topic, watch);
        if (before != null) {
            before.close();
        }
        watch.table.start();
    }

    /** Whether every watched topic has been read back and what it lacked published again. */
    public boolean checked() {
        return watches.values().stream().allMatch(Watch::checked);
    }

    /** Publishes again the keys a stranger's record stands on, and those the topic lacks. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void repair() {
        watches.values().forEach(Watch::repair);
    }

    void stop(@Observes ShutdownEvent event) {
        watches.values().forEach(Watch::close);
    }

    private final class Watch {
        private final String topic;
        private final String ceType;
        private final Supplier<Map<String, ?>> state;
        private volatile Set<String> keys;
        /** What the topic should hold: the version of every key as published; null once checked. */
        private volatile Map<String, Instant> published;
        /** The newest version of each key the owner published, as read back. */
        private final Map<String, Instant> newest = new ConcurrentHashMap<>();
        private final Set<String> strangers = ConcurrentHashMap.newKeySet();
        /** The keys found missing that are not published again yet. */
        private final Set<String> missing = ConcurrentHashMap.newKeySet();
        private final TopicTable table;

        Watch(String topic, String ceType, Supplier<Map<String, ?>> state, Map<String, Instant> published) {
            this.topic = topic;
            this.ceType = ceType;
            this.state = state;
            this.keys = Set.copyOf(published.keySet());
            this.published = Map.copyOf(published);
            this.table = new TopicTable(kafka, service + "-guards-" + topic, List.of(topic), this::read)
                    .onCaughtUp(this::lookForWhatIsMissing);
        }

        void close() {
            table.close();
        }

        boolean checked() {
            return published == null && missing.isEmpty();
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
                missing.removeAll(repaired);
            } catch (RuntimeException e) {
                // Tried again on the next round: until then the stranger's record stands.
                strangers.addAll(repaired);
                LOG.warnf("%s: publishing %d entries again failed, trying again: %s", topic, repaired.size(), e.toString());
            }
        }

        /**
         * The keys whose record the topic lacks, or holds older than published: records the broker
         * lost, or never had. Checked once, when everything the topic held as the guard started has
         * been read (on the reader's thread); from then on only a stranger's record is answered.
         */
        private void lookForWhatIsMissing() {
            published.forEach((key, version) -> {
                Instant read = newest.get(key);
                if (read == null || read.isBefore(version)) {
                    missing.add(key);
                }
            });
            if (!missing.isEmpty()) {
                LOG.warnf("%s lacks %d of the %d entries %s published (or holds them older): publishing them again",
                        topic, missing.size(), published.size(), service);
                strangers.addAll(missing);
            }
            published = null;
        }
    }
}
