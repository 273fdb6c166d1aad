package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.chancery.audit.entity.ConflictingCopy;
import org.chancery.audit.entity.NoticePath;
import org.chancery.audit.entity.StoredHop;
import org.chancery.events.CanonicalJson;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.signing.Authenticity;
import org.chancery.events.signing.TrustedKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps every hop once, as evidence. A redelivered copy changes nothing; a copy of a known event
 * id with different content is kept beside the first, so that the verdict can report it. A hop
 * not signed by the service it names is kept apart, as a rejected hop, and never joins a path.
 */
@ApplicationScoped
public class HopLedger {

    @Inject
    EntityManager em;

    /** Where a hop was read from. */
    public record Origin(String topic, int partition, long offset) {
    }

    @ConfigProperty(name = "chancery.signing.trusted-keys")
    Optional<String> trustedKeysSpec;

    private TrustedKeys trustedKeys;

    @PostConstruct
    void loadKeys() {
        trustedKeys = TrustedKeys.parse(trustedKeysSpec.orElse(""));
        if (trustedKeys.isEmpty()) {
            throw new IllegalStateException("no trusted keys: set CHANCERY_SIGNING_TRUSTED_KEYS (see docs/reliability.md)");
        }
    }

    /** Stores a hop: as part of its notice's path if it is genuine, as a rejected hop if not. */
    @Transactional
    public Authenticity record(JsonNode received, Origin origin) {
        HopEvent hop = HopEvents.fromTree(received);
        String evidence = CanonicalJson.string(withoutProtectedBody(received, hop));
        Instant now = Instant.now();
        Authenticity authenticity = trustedKeys.check(received);
        if (!authenticity.genuine()) {
            reject(hop, authenticity, evidence, origin, now);
            return authenticity;
        }
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
            return authenticity;
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
        return authenticity;
    }

    /** Keeps a hop that is not genuine, once however often it is delivered, apart from every path. */
    private void reject(HopEvent hop, Authenticity authenticity, String evidence, Origin origin, Instant now) {
        em.createNativeQuery("insert into rejected_hop (event_id, notice_id, type, service, at, authenticity, topic, "
                        + "kafka_partition, kafka_offset, payload, received_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) on conflict do nothing")
                .setParameter(1, hop.eventId())
                .setParameter(2, hop.noticeId())
                .setParameter(3, hop.type().ceType())
                .setParameter(4, hop.service())
                .setParameter(5, hop.at())
                .setParameter(6, authenticity.name())
                .setParameter(7, origin.topic())
                .setParameter(8, origin.partition())
                .setParameter(9, origin.offset())
                .setParameter(10, evidence)
                .setParameter(11, now)
                .executeUpdate();
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
