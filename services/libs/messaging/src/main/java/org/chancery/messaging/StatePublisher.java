package org.chancery.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.chancery.events.Ids;
import org.jboss.logging.Logger;

/**
 * Event-carried state: a service publishes what it owns (missions, hotlines, mandates) on a
 * compacted topic, one record per key, through the outbox. Consumers rebuild the state from the
 * topic alone.
 *
 * <p>Among a service's replicas, each publication of a topic holds a database lock on it from
 * reading the state until the broker has the records: a replica starting with a snapshot and
 * another declaring a change publish one after the other, and the topic ends with the state the
 * database ends with (ADR 0021).
 */
@ApplicationScoped
public class StatePublisher {

    private static final Logger LOG = Logger.getLogger(StatePublisher.class);
    /** The first key of the registry topics' advisory locks (the second is the topic's hash). */
    private static final int REGISTRY_LOCKS = 0x52454749;
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(5);
    /** The keys published on a topic (the topic is the first parameter, before the rows). */
    static final Batch<String> PUBLISHED_KEYS = Batch.<String>columns()
            .text("record_key", key -> key)
            .statement("insert into published_key (topic, {columns}) select ?, u.* from {rows} on conflict do nothing");

    @Inject
    Outbox outbox;

    @Inject
    Database database;

    @Inject
    ObjectMapper json;

    @Inject
    RegistryGuard guard;

    /**
     * Publishes the whole state now, read under the topic's lock, as {@link #snapshot} describes;
     * if the broker cannot take it yet, the outbox publishes it later.
     */
    public void publishSnapshot(String topic, String ceType, Supplier<Map<String, ?>> state) {
        // At start, replicas starting together wait for each other's snapshot (the missions are
        // 16,000 records): longer than a request's transaction may take.
        Set<String> keys = QuarkusTransaction.requiringNew().timeout((int) SNAPSHOT_TIMEOUT.toSeconds()).call(() -> {
            Instant at = lock(topic);
            Map<String, ?> entries = state.get();
            publishHere(topic, snapshot(topic, ceType, entries, at));
            LOG.infof("published %d entries on %s", entries.size(), topic);
            return Set.copyOf(entries.keySet());
        });
        guard.watch(topic, ceType, state, keys);
    }

    /**
     * Publishes the current entries of {@code keys} again (a tombstone for a key that has none), with
     * a newer version: over what a stranger wrote under them ({@link RegistryGuard}). Returns the
     * keys the state has now. It may wait behind a snapshot, as long as a snapshot may take.
     */
    Set<String> publishAgain(String topic, String ceType, Set<String> keys, Supplier<Map<String, ?>> state) {
        return QuarkusTransaction.requiringNew().timeout((int) SNAPSHOT_TIMEOUT.toSeconds()).call(() -> {
            Instant at = lock(topic);
            Map<String, ?> entries = state.get();
            List<Emission> emissions = keys.stream().map(key -> emission(topic, ceType, key, entries.get(key), at)).toList();
            remember(topic, keys.stream().filter(entries::containsKey).collect(Collectors.toSet()));
            publishHere(topic, outbox.store(outbox.records(emissions)));
            LOG.infof("published %d entries again on %s: %s", keys.size(), topic, keys);
            return Set.copyOf(entries.keySet());
        });
    }

    /**
     * Makes a change to one entry ({@code change} writes it to the database and returns the entry)
     * and publishes it, under the topic's lock; returns the entry.
     */
    public <T> T publishChange(String topic, String ceType, String key, Supplier<T> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant at = lock(topic);
            T entry = change.get();
            remember(topic, Set.of(key));
            publishHere(topic, outbox.store(outbox.records(List.of(emission(topic, ceType, key, entry, at)))));
            return entry;
        });
    }

    /**
     * Held until the transaction ends: one publication of a topic at a time, whichever replica makes
     * it. Returns the publication's time, its records' version: the database's clock once the lock is
     * held, so that each publication of a key is later than the one before, whichever replica's
     * clock is ahead (only the database's clock stepping back could break that).
     */
    private Instant lock(String topic) {
        return database.call(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, REGISTRY_LOCKS);
                lock.setString(2, topic);
                lock.execute();
            }
            try (PreparedStatement clock = connection.prepareStatement("select clock_timestamp()");
                    ResultSet now = clock.executeQuery()) {
                now.next();
                return now.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MICROS);
            }
        });
    }

    /** Inside the transaction, so under its lock; what the broker did not take, the outbox's sweep publishes. */
    private void publishHere(String topic, List<OutboxRecord> records) {
        try {
            outbox.publishWithin(records);
        } catch (Publisher.PublishFailedException e) {
            LOG.warnf("%s not published yet; the outbox tries again: %s", topic, e.getMessage());
        }
    }

    /**
     * Stores the whole state for publication: every entry, and a tombstone for every key published
     * before that is no longer there. Run at start, it also repairs a topic that lost records.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> snapshot(String topic, String ceType, Map<String, ?> entries) {
        return snapshot(topic, ceType, entries, lock(topic));
    }

    private List<OutboxRecord> snapshot(String topic, String ceType, Map<String, ?> entries, Instant at) {
        Set<String> gone = database.call(connection -> {
            Set<String> keys = new HashSet<>();
            try (PreparedStatement published = connection.prepareStatement(
                    "delete from published_key where topic = ? returning record_key")) {
                published.setString(1, topic);
                try (ResultSet rows = published.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
        gone.removeAll(entries.keySet());
        List<Emission> emissions = new ArrayList<>();
        entries.forEach((key, entry) -> emissions.add(emission(topic, ceType, key, entry, at)));
        gone.forEach(key -> emissions.add(emission(topic, ceType, key, null, at)));
        remember(topic, entries.keySet());
        return outbox.store(outbox.records(emissions));
    }

    private void remember(String topic, Set<String> keys) {
        database.call(connection -> {
            try (PreparedStatement insert = PUBLISHED_KEYS.prepare(connection, keys)) {
                insert.setString(1, topic);
                return insert.executeUpdate();
            }
        });
    }

    private Emission emission(String topic, String ceType, String key, Object entry, Instant at) {
        try {
            return Emission.entry(topic, key, Ids.next(), ceType, at,
                    entry == null ? null : json.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + entry, e);
        }
    }
}
