package org.chancery.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.chancery.events.Digests;
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
    /**
     * What was published under each key of a topic, the topic the first parameter before the rows:
     * what the next snapshot compares with, and what the guard expects to read back.
     */
    static final Batch<Published> PUBLISHED_KEYS = Batch.<Published>columns()
            .text("record_key", Published::key)
            .text("digest", Published::digest)
            .timestamptz("version", Published::version)
            .statement("insert into published_key (topic, {columns}) select ?, u.* from {rows}"
                    + " on conflict (topic, record_key) do update set digest = excluded.digest, version = excluded.version");

    /** An entry as published under {@code key}: the digest of its type and JSON, and the version it went out with. */
    record Published(String key, String digest, Instant version) {
    }

    @Inject
    Outbox outbox;

    @Inject
    Database database;

    @Inject
    ObjectMapper json;

    @Inject
    RegistryGuard guard;

    /**
     * Publishes the state now, read under the topic's lock, as {@link #snapshot} describes; if the
     * broker cannot take it yet, the outbox publishes it later. The guard then reads the topic back
     * and publishes again whatever it does not find there as published.
     */
    public void publishSnapshot(String topic, String ceType, Supplier<Map<String, ?>> state) {
        // Unless the guard can read the topic back, every entry goes out, as if none had been published.
        boolean whole = !guard.canWatch(topic);
        // At start, replicas starting together wait for each other's snapshot (the missions are
        // 16,000 records): longer than a request's transaction may take.
        Map<String, Published> published = QuarkusTransaction.requiringNew()
                .timeout((int) SNAPSHOT_TIMEOUT.toSeconds()).call(() -> {
                    Instant at = lock(topic);
                    Map<String, ?> entries = state.get();
                    Snapshot snapshot = snapshot(topic, ceType, entries, at, whole);
                    publishHere(topic, snapshot.records());
                    LOG.infof("published %d of %d entries on %s (the others unchanged), %d tombstones",
                            snapshot.changed(), entries.size(), topic, snapshot.gone());
                    return snapshot.published();
                });
        guard.watch(topic, ceType, state, published);
    }

    /** What {@link #publishAgain} did: the keys the state has now, and the version it published with. */
    record Republished(Set<String> keys, Instant version) {
    }

    /**
     * Publishes the current entries of {@code keys} again (a tombstone for a key that has none), with
     * a newer version: over what a stranger wrote under them, or what the topic lacks
     * ({@link RegistryGuard}). Records of theirs still waiting in the outbox are dropped: older, they
     * would only be read as replays. It may wait behind a snapshot, as long as a snapshot may take.
     */
    Republished publishAgain(String topic, String ceType, Set<String> keys, Supplier<Map<String, ?>> state) {
        return QuarkusTransaction.requiringNew().timeout((int) SNAPSHOT_TIMEOUT.toSeconds()).call(() -> {
            Instant at = lock(topic);
            Map<String, ?> entries = state.get();
            List<Emission> emissions = new ArrayList<>();
            List<Published> published = new ArrayList<>();
            for (String key : keys) {
                Object entry = entries.get(key);
                if (entry == null) {
                    emissions.add(Emission.entry(topic, key, Ids.next(), ceType, at, null));
                } else {
                    String json = write(entry);
                    published.add(emit(topic, ceType, key, json, digest(ceType, json), at, emissions));
                }
            }
            remember(topic, published);
            forget(topic, keys.stream().filter(key -> !entries.containsKey(key)).toList());
            dropWaiting(topic, keys);
            publishHere(topic, outbox.store(outbox.records(emissions)));
            LOG.infof("published %d entries again on %s: %s", keys.size(), topic,
                    keys.size() <= 20 ? keys : keys.stream().limit(20).toList() + " and " + (keys.size() - 20) + " more");
            return new Republished(Set.copyOf(entries.keySet()), at);
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
            List<Emission> emissions = new ArrayList<>();
            String json = write(entry);
            remember(topic, List.of(emit(topic, ceType, key, json, digest(ceType, json), at, emissions)));
            publishHere(topic, outbox.store(outbox.records(emissions)));
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
     * Stores for publication what the state holds that was not published as it is now: an entry
     * new or changed since, and a tombstone for every key published before that is no longer there.
     * What was published and is unchanged is not published again: the topic keeps it (compaction
     * keeps each key's latest record), and the guard publishes again what it does not find there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> snapshot(String topic, String ceType, Map<String, ?> entries) {
        return snapshot(topic, ceType, entries, lock(topic), false).records();
    }

    /**
     * A snapshot stored for publication: its records, how many entries changed and how many keys are
     * gone, and what the topic should now hold under every key.
     */
    private record Snapshot(List<OutboxRecord> records, int changed, int gone, Map<String, Published> published) {
    }

    /** With {@code whole}, every entry is published, changed or not. */
    private Snapshot snapshot(String topic, String ceType, Map<String, ?> entries, Instant at, boolean whole) {
        Map<String, Published> before = published(topic);
        List<Emission> emissions = new ArrayList<>();
        List<Published> changed = new ArrayList<>();
        Map<String, Published> now = new HashMap<>();
        entries.forEach((key, entry) -> {
            String json = write(entry);
            String digest = digest(ceType, json);
            Published was = before.remove(key);
            if (!whole && was != null && digest.equals(was.digest()) && was.version() != null) {
                now.put(key, was);
            } else {
                Published published = emit(topic, ceType, key, json, digest, at, emissions);
                changed.add(published);
                now.put(key, published);
            }
        });
        before.keySet().forEach(key -> emissions.add(Emission.entry(topic, key, Ids.next(), ceType, at, null)));
        remember(topic, changed);
        forget(topic, before.keySet());
        return new Snapshot(outbox.store(outbox.records(emissions)), changed.size(), before.size(), now);
    }

    /** What was published under each key of {@code topic}, as {@link #remember} kept it. */
    private Map<String, Published> published(String topic) {
        return database.call(connection -> {
            Map<String, Published> published = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select record_key, digest, version from published_key where topic = ?")) {
                select.setString(1, topic);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Timestamp version = rows.getTimestamp(3);
                        published.put(rows.getString(1), new Published(rows.getString(1), rows.getString(2),
                                version == null ? null : version.toInstant()));
                    }
                }
            }
            return published;
        });
    }

    private void remember(String topic, Collection<Published> published) {
        if (published.isEmpty()) {
            return;
        }
        database.call(connection -> {
            try (PreparedStatement upsert = PUBLISHED_KEYS.prepare(connection, published)) {
                upsert.setString(1, topic);
                return upsert.executeUpdate();
            }
        });
    }

    /** Keys given a tombstone: nothing published under them any more. */
    private void forget(String topic, Collection<String> keys) {
        deleteKeys("published_key", topic, keys);
    }

    /**
     * Records under {@code keys} still waiting in the outbox (the broker was away): superseded. Rows
     * the outbox's sweep is sending are waited for (the sweep holds them until the broker answers).
     */
    private void dropWaiting(String topic, Collection<String> keys) {
        deleteKeys("outbox", topic, keys);
    }

    private void deleteKeys(String table, String topic, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        database.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where topic = ? and record_key = any(?)")) {
                delete.setString(1, topic);
                delete.setArray(2, connection.createArrayOf("text", keys.toArray()));
                return delete.executeUpdate();
            }
        });
    }

    /** Adds an entry's record to {@code emissions}; returns what to remember of it, its {@link #digest} given. */
    private static Published emit(String topic, String ceType, String key, String json, String digest, Instant at,
            List<Emission> emissions) {
        emissions.add(Emission.entry(topic, key, Ids.next(), ceType, at, json));
        return new Published(key, digest, at);
    }

    /** What a key's record is compared by: its type and its entry's JSON. */
    static String digest(String ceType, String json) {
        return Digests.sha256Hex(ceType + "\n" + json);
    }

    private String write(Object entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + entry, e);
        }
    }
}
