package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.chancery.audit.domain.PartyNames;
import org.chancery.events.NoticeStatus;
import org.chancery.audit.entity.NoticePath;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.signing.Authenticity;

/** Rebuilds a notice's path from the stored evidence and verifies it. */
@ApplicationScoped
public class PathFinder {

    @Inject
    PartyNames names;

    @Inject
    EntityManager em;

    /** The verdict alone: the rebuilt hops and what is wrong with them. */
    public Optional<HopChain.Verdict> verify(UUID noticeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select payload, 0 from hop where notice_id = ?1 "
                        + "union all select payload, 1 from hop_conflict where notice_id = ?1")
                .setParameter(1, noticeId).getResultList();
        if (rows.stream().noneMatch(r -> ((Number) r[1]).intValue() == 0)) {
            return Optional.empty();
        }
        List<JsonNode> evidence = new ArrayList<>(rows.size());
        rows.forEach(r -> evidence.add(HopEvents.readTree((String) r[0])));
        return Optional.of(HopChain.verify(evidence));
    }

    public Optional<PathView> path(UUID noticeId) {
        return verify(noticeId).map(verdict -> view(noticeId, verdict));
    }

    /** The hops in the notice's name that were not genuine, in the order they claimed. */
    public List<PathView.RejectedHop> rejected(UUID noticeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select event_id, type, service, at, authenticity, topic "
                        + "from rejected_hop where notice_id = ?1 order by at, id")
                .setParameter(1, noticeId).getResultList();
        return rows.stream().map(r -> new PathView.RejectedHop((UUID) r[0], (String) r[1], (String) r[2],
                instant(r[3]), Authenticity.valueOf((String) r[4]), (String) r[5])).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }

    private PathView view(UUID noticeId, HopChain.Verdict verdict) {
        Map<UUID, HopEvent> byId = new HashMap<>();
        verdict.hops().forEach(h -> byId.put(h.eventId(), h));
        List<PathView.HopView> hops = verdict.hops().stream().map(h -> hop(h, byId.get(h.parentId()))).toList();
        HopEvent first = verdict.hops().stream().filter(h -> h.type() == HopType.NOTICE_DISPATCHED).findFirst()
                .orElse(null);
        boolean complete = verdict.hops().stream().anyMatch(h -> h.type() == HopType.RECEIPT_RECORDED);
        List<PathView.AttemptView> attempts = attempts(verdict.hops());
        List<Channel> taken = attempts.stream()
                .filter(a -> !"FAILED".equals(a.outcome()) && !"IN_FLIGHT".equals(a.outcome()))
                .map(PathView.AttemptView::channel).toList();
        Map<String, String> parties = new LinkedHashMap<>();
        verdict.hops().forEach(h -> {
            parties.computeIfAbsent(h.from(), names::label);
            parties.computeIfAbsent(h.to(), names::label);
        });
        NoticePath summary = NoticePath.findById(noticeId);
        return new PathView(noticeId, summary == null ? NoticeStatus.IN_TRANSIT : summary.status, complete,
                verdict.verified(), first == null ? null : first.notice(), first == null ? null : bodyBytes(first),
                first == null ? null : first.plan(),
                taken, attempts, hops, verdict.findings(), parties, nullIfEmpty(rejected(noticeId)));
    }

    private Integer bodyBytes(HopEvent hop) {
        List<?> size = em.createNativeQuery("select body_bytes from hop where event_id = ?1")
                .setParameter(1, hop.eventId()).getResultList();
        return size.isEmpty() || size.get(0) == null ? null : ((Number) size.get(0)).intValue();
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /** Each attempt, from its dispatch to its furthest outcome. */
    private static List<PathView.AttemptView> attempts(List<HopEvent> hops) {
        Map<Integer, PathView.AttemptView> byNumber = new TreeMap<>();
        for (HopEvent h : hops) {
            if (h.type() == HopType.NOTICE_DISPATCHED) {
                byNumber.putIfAbsent(h.attempt(), new PathView.AttemptView(h.attempt(), h.channel(), h.to(), h.at(),
                        "IN_FLIGHT", h.reason()));
            }
        }
        for (HopEvent h : hops) {
            PathView.AttemptView a = byNumber.get(h.attempt());
            if (a == null) {
                continue;
            }
            String outcome = switch (h.type()) {
                case NOTICE_FAILED -> "FAILED";
                case NOTICE_DELIVERED, NOTICE_ACKNOWLEDGED, NOTICE_REJECTED, RECEIPT_RELAYED, RECEIPT_DELIVERED ->
                        "DELIVERED";
                case RECEIPT_RECORDED -> h.receipt() == ReceiptOutcome.REJECTED ? "REJECTED" : "ACKNOWLEDGED";
                default -> null;
            };
            if (outcome != null && rank(outcome) > rank(a.outcome())) {
                String reason = "FAILED".equals(outcome) || "REJECTED".equals(outcome) ? h.reason() : a.reason();
                byNumber.put(h.attempt(), new PathView.AttemptView(a.attempt(), a.channel(), a.via(), a.dispatchedAt(),
                        outcome, reason));
            }
        }
        return List.copyOf(byNumber.values());
    }

    private static int rank(String outcome) {
        return switch (outcome) {
            case "IN_FLIGHT" -> 0;
            case "DELIVERED" -> 1;
            default -> 2;
        };
    }

    private static PathView.HopView hop(HopEvent hop, HopEvent parent) {
        Double since = parent == null ? null : Duration.between(parent.at(), hop.at()).toNanos() / 1_000_000.0;
        return new PathView.HopView(hop.hop(), hop.eventId(), hop.parentId(), hop.type().ceType(), hop.service(),
                hop.channel(), hop.attempt(), hop.from(), hop.to(), PartyNames.location(hop.from()),
                PartyNames.location(hop.to()), hop.at(), since, hop.reason(), hop.receipt(), hop.hash());
    }
}
