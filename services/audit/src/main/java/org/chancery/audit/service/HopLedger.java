package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.chancery.audit.domain.KeptHop;
import org.chancery.audit.domain.PathDelta;
import org.chancery.audit.repository.LedgerStore;
import org.chancery.events.CanonicalJson;
import org.chancery.events.Service;
import org.chancery.events.signing.Authenticity;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopConsumers;
import org.chancery.messaging.HopHandler;
import org.jboss.logging.Logger;

/**
 * Keeps every hop once, as evidence, a consumed batch at a time. A redelivered copy changes
 * nothing; a copy of a known event id with different content is kept beside the first, so that
 * the verdict can report it. A hop not signed by the service it names is kept apart, as a
 * rejected hop, and never joins a path. Each notice's summary takes a batch's hops in one write.
 */
@ApplicationScoped
public class HopLedger implements HopHandler {

    private static final Logger LOG = Logger.getLogger(HopLedger.class);
    private static final String KEPT = "chancery.audit.hops";
    private static final String REJECTED = "chancery.audit.rejected.hops";

    @Inject
    LedgerStore store;

    @Inject
    MeterRegistry registry;

    @Inject
    HopConsumers consumers;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Every counter at zero from the start, so that rates work before the first hop. */
    void registerCounters(@Observes StartupEvent event) {
        consumers.topics().forEach(topic -> counter(KEPT, "topic", topic));
        Stream.of(Authenticity.values()).filter(a -> !a.genuine())
                .forEach(authenticity -> counter(REJECTED, "authenticity", authenticity.name()));
    }

    /** The audit keeps forged hops as evidence, and every copy of a hop, to compare them. */
    @Override
    public boolean keepsForgedHops() {
        return true;
    }

    @Override
    public boolean usesInbox() {
        return false;
    }

    @Override
    public Work begin(List<ConsumedHop> hops) {
        return new Recording();
    }

    private final class Recording implements Work {
        private final List<KeptHop> genuine = new ArrayList<>();
        private final List<KeptHop> rejected = new ArrayList<>();

        @Override
        public List<Emission> handle(ConsumedHop consumed) {
            JsonNode body = consumed.json().path("notice").path("body");
            KeptHop kept = new KeptHop(consumed, CanonicalJson.string(withoutBody(consumed.json())),
                    body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8).length : null, Instant.now());
            if (consumed.authenticity().genuine()) {
                genuine.add(kept);
            } else {
                LOG.warnf("hop from %s-%d@%d in the name of %s is not genuine (%s): kept apart from its path",
                        consumed.topic(), consumed.record().partition(), consumed.record().offset(),
                        consumed.hop().service(), consumed.authenticity());
                rejected.add(kept);
            }
            return List.of();
        }

        @Override
        public void finish() {
            Set<UUID> inserted = store.storeHops(genuine);
            // The first copy of each new event id is stored; any other copy is compared with it.
            Set<UUID> seen = new HashSet<>();
            List<KeptHop> stored = new ArrayList<>();
            List<KeptHop> copies = new ArrayList<>();
            for (KeptHop kept : genuine) {
                UUID id = kept.hop().eventId();
                (inserted.contains(id) && seen.add(id) ? stored : copies).add(kept);
            }
            store.keepConflictingCopies(copies);
            store.reject(rejected);
            // Sorted by notice, so that two batches writing the same summaries lock them in the same order.
            Map<UUID, PathDelta> deltas = new TreeMap<>();
            stored.forEach(k -> deltas.computeIfAbsent(k.hop().noticeId(), PathDelta::new).add(k.hop()));
            store.mergeSummaries(deltas.values());
        }

        @Override
        public void committed() {
            genuine.forEach(k -> counter(KEPT, "topic", k.consumed().topic()).increment());
            rejected.forEach(k -> counter(REJECTED, "authenticity",
                    k.consumed().authenticity().name()).increment());
        }
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, key -> Counter.builder(name)
                .tags("service", Service.AUDIT.id(), tag, value).register(registry));
    }

    /**
     * No body is kept, sealed or not: the audit cannot open one, and a sealed body kept for years
     * waits only for its key to leak. Its digest is kept, and the hash chain covers the digest, so
     * the path still verifies; the consumer checked the body against it before this.
     */
    private static JsonNode withoutBody(JsonNode received) {
        if (!received.path("notice").has("body")) {
            return received;
        }
        ObjectNode copy = received.deepCopy();
        ((ObjectNode) copy.get("notice")).remove("body");
        return copy;
    }
}
