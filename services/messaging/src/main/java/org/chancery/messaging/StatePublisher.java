package org.chancery.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.events.Ids;
import org.jboss.logging.Logger;

/**
 * Event-carried state: a service publishes what it owns (missions, hotlines, mandates) on a
 * compacted topic, one record per key, through the outbox. Consumers rebuild the state from the
 * topic alone.
 */
@ApplicationScoped
public class StatePublisher {

    private static final Logger LOG = Logger.getLogger(StatePublisher.class);

    @Inject
    Outbox outbox;

    @Inject
    Database database;

    @Inject
    ObjectMapper json;

    /**
     * Publishes the whole state now, as {@link #snapshot} describes; if the broker cannot take it
     * yet, the outbox publishes it later.
     */
    public void publishSnapshot(String topic, String ceType, Map<String, ?> entries) {
        List<OutboxRecord> records = QuarkusTransaction.requiringNew().call(() -> snapshot(topic, ceType, entries));
        try {
            outbox.publish(records);
            LOG.infof("published %d entries on %s", entries.size(), topic);
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
        entries.forEach((key, entry) -> emissions.add(emission(topic, ceType, key, entry)));
        gone.forEach(key -> emissions.add(emission(topic, ceType, key, null)));
        remember(topic, entries.keySet());
        return outbox.store(outbox.records(emissions));
    }

    /** Stores one changed entry for publication. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> update(String topic, String ceType, String key, Object entry) {
        remember(topic, Set.of(key));
        return outbox.store(outbox.records(List.of(emission(topic, ceType, key, entry))));
    }

    private void remember(String topic, Set<String> keys) {
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into published_key (topic, record_key) "
                    + "select ?, key from unnest(?::text[]) as key on conflict do nothing")) {
                insert.setString(1, topic);
                insert.setArray(2, SqlArrays.texts(connection, keys));
                return insert.executeUpdate();
            }
        });
    }

    private Emission emission(String topic, String ceType, String key, Object entry) {
        try {
            return Emission.entry(topic, key, Ids.next(), ceType, Instant.now().truncatedTo(ChronoUnit.MICROS),
                    entry == null ? null : json.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + entry, e);
        }
    }
}
