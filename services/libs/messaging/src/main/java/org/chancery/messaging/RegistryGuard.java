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
 * the topic does not hold as last published: missing, older, or another (a start publishes only
 * what changed since, so a broker that lost its data would otherwise leave keys missing for good).
 * The service is not ready until the topic shows them ({@link PublishedRegistryReadiness}).
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

    /** Whether the guard can watch {@code topic}: only if this service can check its own signature on it. */
    boolean canWatch(String topic) {
        return signing.checksItsOwnRegistryRecords(topic);
    }

    /**
     * Watches {@code topic}, whose entries are {@code state}'s, from its beginning on, and checks it
     * holds what {@code published} says was published under each key. Not if this service cannot
     * check its own signature ({@link #canWatch}): it would take every record of its own for a
     * stranger's and publish everything again, every second.
     */
    void watch(String topic, String ceType, Supplier<Map<String, ?>> state,
            Map<String, StatePublisher.Published> published) {
        if (!canWatch(topic)) {
            LOG.errorf("%s cannot check its own signature on %s (its public key is not among the trusted keys):"
                    + " the topic is not watched", service, topic);
            return;
        }
        // Each snapshot reads the topic again from its beginning, for what it published.
        Watch watch = new Watch(topic, ceType, state, published);
        Watch before = watches.put(topic, watch);
        if (before != null) {
            before.close();
        }
        watch.table.start();
    }

    /** Whether every watched topic has been read back, and what it lacked published again and read back. */
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
        /** What the topic should hold under each key, as published; null once checked. */
        private volatile Map<String, StatePublisher.Published> published;
        /** The digest of each key's newest genuine record read, until checked ("" for a tombstone). */
        private volatile Map<String, String> digests = new ConcurrentHashMap<>();
        /** The newest version of each key the owner published, as read back. */
        private final Map<String, Instant> newest = new ConcurrentHashMap<>();
        private final Set<String> strangers = ConcurrentHashMap.newKeySet();
        /** The keys found wanting, and the version the topic must show for each before the service is ready. */
        private final Map<String, Instant> awaited = new ConcurrentHashMap<>();
        private final TopicTable table;

        Watch(String topic, String ceType, Supplier<Map<String, ?>> state,
                Map<String, StatePublisher.Published> published) {
            this.topic = topic;
            this.ceType = ceType;
            this.state = state;
            this.keys = Set.copyOf(published.keySet());
            this.published = Map.copyOf(published);
            this.table = new TopicTable(kafka, service + "-guards-" + topic, List.of(topic), this::read)
                    .onCaughtUp(this::lookForWhatIsWanting);
        }

        void close() {
            table.close();
        }

        boolean checked() {
            return published == null && awaited.isEmpty();
        }

        void read(ConsumerRecord<String, String> record) {
            HopSigning.RegistryRecordCheck check = signing.checkRegistryRecord(record);
            Instant known = newest.get(record.key());
            boolean genuine = check.authenticity().genuine();
            boolean newer = genuine && !check.olderThan(known);
            boolean held = record.value() == null || keys.contains(record.key());
            if (newer) {
                newest.put(record.key(), check.version());
                Map<String, String> reading = digests;
                if (reading != null) {
                    reading.put(record.key(), record.value() == null ? "" : StatePublisher.digest(ceType, record.value()));
                }
                if (held) {
                    // Atomic: the version wanted may rise meanwhile (published again, newer).
                    awaited.computeIfPresent(record.key(), (key, wanted) -> check.version().isBefore(wanted) ? wanted : null);
                }
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
                StatePublisher.Republished again = publisher.publishAgain(topic, ceType, repaired, state);
                keys = again.keys();
                repaired.forEach(key -> awaited.computeIfPresent(key, (k, wanted) -> again.version()));
            } catch (RuntimeException e) {
                // Tried again on the next round: until then the stranger's record stands.
                strangers.addAll(repaired);
                LOG.warnf("%s: publishing %d entries again failed, trying again: %s", topic, repaired.size(), e.toString());
            }
        }

        /**
         * The keys whose newest record on the topic is not what was published under them: missing
         * (a broker that lost its data), older, or another entry (a publication whose transaction
         * failed after the broker took it, a database restored from a backup). Checked once, when
         * everything the topic held as the guard started has been read (on the reader's thread); from
         * then on only a stranger's record is answered. Each is published again from the database's
         * state, and the service is not ready until the topic shows it.
         */
        private void lookForWhatIsWanting() {
            Map<String, String> read = digests;
            published.forEach((key, entry) -> {
                Instant version = newest.get(key);
                if (version == null || version.isBefore(entry.version()) || !entry.digest().equals(read.get(key))) {
                    awaited.put(key, entry.version());
                }
            });
            if (!awaited.isEmpty()) {
                LOG.warnf("%s does not hold %d of the %d entries %s published as they were published (missing, older"
                        + " or other): publishing them again", topic, awaited.size(), published.size(), service);
                strangers.addAll(awaited.keySet());
            }
            digests = null;
            published = null;
        }
    }
}
