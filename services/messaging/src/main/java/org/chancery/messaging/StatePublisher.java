package org.chancery.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    EntityManager em;

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
        } catch (Outbox.PublishFailedException e) {
            LOG.warnf("%s not published yet; the outbox tries again: %s", topic, e.getMessage());
        }
    }

    /**
     * Stores the whole state for publication: every entry, and a tombstone for every key published
     * before that is no longer there. Run at start, it also repairs a topic that lost records.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> snapshot(String topic, String ceType, Map<String, ?> entries) {
        @SuppressWarnings("unchecked")
        Set<String> gone = new HashSet<>(em.createNativeQuery(
                        "select record_key from published_key where topic = ?1")
                .setParameter(1, topic).getResultList());
        gone.removeAll(entries.keySet());
        List<Emission> emissions = new ArrayList<>();
        entries.forEach((key, entry) -> emissions.add(emission(topic, ceType, key, entry)));
        gone.forEach(key -> emissions.add(emission(topic, ceType, key, null)));
        em.createNativeQuery("delete from published_key where topic = ?1").setParameter(1, topic).executeUpdate();
        entries.keySet().forEach(key -> remember(topic, key));
        return outbox.store(null, emissions);
    }

    /** Stores one changed entry for publication. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> update(String topic, String ceType, String key, Object entry) {
        em.createNativeQuery("delete from published_key where topic = ?1 and record_key = ?2")
                .setParameter(1, topic).setParameter(2, key).executeUpdate();
        remember(topic, key);
        return outbox.store(null, List.of(emission(topic, ceType, key, entry)));
    }

    private void remember(String topic, String key) {
        em.createNativeQuery("insert into published_key (topic, record_key) values (?1, ?2)")
                .setParameter(1, topic).setParameter(2, key).executeUpdate();
    }

    private Emission emission(String topic, String ceType, String key, Object entry) {
        try {
            return Emission.entry(topic, key, UUID.randomUUID(), ceType, Instant.now().truncatedTo(ChronoUnit.MICROS),
                    entry == null ? null : json.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + entry, e);
        }
    }
}
