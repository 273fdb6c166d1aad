package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.chancery.audit.entity.ConflictingCopy;
import org.chancery.audit.entity.NoticePath;
import org.chancery.audit.entity.StoredHop;
import org.chancery.events.CanonicalJson;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;

/**
 * Keeps every hop once, as evidence. A redelivered copy changes nothing; a copy of a known event
 * id with different content is kept beside the first, so that the verdict can report it.
 */
@ApplicationScoped
public class HopLedger {

    @Inject
    EntityManager em;

    /** Where a hop was read from. */
    public record Origin(String topic, int partition, long offset) {
    }

    @Transactional
    public void record(JsonNode received, Origin origin) {
        HopEvent hop = HopEvents.fromTree(received);
        String evidence = CanonicalJson.string(withoutProtectedBody(received, hop));
        Instant now = Instant.now();
        StoredHop first = StoredHop.findById(hop.eventId());
        if (first != null) {
            if (!first.payload.equals(evidence)) {
                ConflictingCopy copy = new ConflictingCopy();
                copy.eventId = hop.eventId();
                copy.noticeId = hop.noticeId();
                copy.payload = evidence;
                copy.topic = origin.topic();
                copy.receivedAt = now;
                copy.persist();
            }
            return;
        }
        StoredHop stored = new StoredHop();
        stored.eventId = hop.eventId();
        stored.noticeId = hop.noticeId();
        stored.hop = hop.hop();
        stored.parentId = hop.parentId();
        stored.type = hop.type().ceType();
        stored.service = hop.service();
        stored.channel = hop.channel() == null ? null : hop.channel().name();
        stored.attempt = hop.attempt();
        stored.fromParty = hop.from();
        stored.toParty = hop.to();
        stored.at = hop.at();
        stored.hash = hop.hash();
        stored.topic = origin.topic();
        stored.partition = origin.partition();
        stored.offset = origin.offset();
        stored.payload = evidence;
        stored.receivedAt = now;
        stored.persist();
        track(hop);
    }

    /** Brings the notice's summary up to date; the row lock orders replicas storing its hops at once. */
    private void track(HopEvent hop) {
        em.createNativeQuery("insert into notice_path (notice_id, status, attempts, hops, first_at, last_at) "
                        + "values (?1, 'IN_TRANSIT', 0, 0, ?2, ?2) on conflict do nothing")
                .setParameter(1, hop.noticeId())
                .setParameter(2, hop.at())
                .executeUpdate();
        em.find(NoticePath.class, hop.noticeId(), LockModeType.PESSIMISTIC_WRITE).add(hop);
    }

    /**
     * The body of a CONFIDENTIAL or higher notice is not kept: its digest is, and the hash chain
     * covers the digest, so the path still verifies.
     */
    private static JsonNode withoutProtectedBody(JsonNode received, HopEvent hop) {
        if (hop.notice() == null || hop.notice().classification() == null
                || !hop.notice().classification().protectsBody()) {
            return received;
        }
        ObjectNode copy = received.deepCopy();
        ((ObjectNode) copy.get("notice")).remove("body");
        return copy;
    }
}
