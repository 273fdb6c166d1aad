package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chancery.audit.entity.ConflictingCopy;
import org.chancery.audit.entity.StoredHop;
import org.chancery.events.HopChain;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;

/** Rebuilds a notice's path from the stored evidence and verifies it. */
@ApplicationScoped
public class PathFinder {

    public Optional<PathView> path(UUID noticeId) {
        List<JsonNode> evidence = new ArrayList<>();
        StoredHop.<StoredHop>stream("noticeId", noticeId).forEach(h -> evidence.add(HopEvents.readTree(h.payload)));
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        ConflictingCopy.<ConflictingCopy>stream("noticeId", noticeId)
                .forEach(c -> evidence.add(HopEvents.readTree(c.payload)));

        HopChain.Verdict verdict = HopChain.verify(evidence);
        Map<UUID, HopEvent> byId = new HashMap<>();
        verdict.hops().forEach(h -> byId.put(h.eventId(), h));
        List<PathView.HopView> hops = verdict.hops().stream().map(h -> view(h, byId.get(h.parentId()))).toList();
        HopEvent first = verdict.hops().stream().filter(h -> h.type() == HopType.NOTICE_DISPATCHED).findFirst()
                .orElse(null);
        boolean complete = verdict.hops().stream().anyMatch(h -> h.type() == HopType.RECEIPT_RECORDED);
        return Optional.of(new PathView(noticeId, complete, verdict.verified(),
                first == null ? null : first.notice(), first == null ? null : first.plan(), hops, verdict.findings()));
    }

    private static PathView.HopView view(HopEvent hop, HopEvent parent) {
        Double since = parent == null ? null : Duration.between(parent.at(), hop.at()).toNanos() / 1_000_000.0;
        return new PathView.HopView(hop.hop(), hop.eventId(), hop.parentId(), hop.type().ceType(), hop.service(),
                hop.channel(), hop.attempt(), hop.from(), hop.to(), hop.at(), since, hop.reason(), hop.receipt(), hop.hash());
    }
}
