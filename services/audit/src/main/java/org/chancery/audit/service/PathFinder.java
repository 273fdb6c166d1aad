package org.chancery.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chancery.audit.domain.PartyNames;
import org.chancery.events.NoticeStatus;
import org.chancery.audit.entity.NoticePath;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;
import org.chancery.events.LateNotice;
import org.chancery.events.Notice;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.registry.ThirdStateAuthority;
import org.chancery.events.signing.Authenticity;
import org.chancery.messaging.HopSigning;

/** Rebuilds a notice's path from the stored evidence and verifies it. */
@ApplicationScoped
public class PathFinder {

    /** The hops by which a third state carries a notice or its receipt on: it must hold a mandate for them. */
    private static final Set<HopType> CARRIED_BY_A_THIRD_STATE = EnumSet.of(HopType.NOTICE_RELAYED,
            HopType.NOTICE_DELIVERED, HopType.RECEIPT_RELAYED, HopType.RECEIPT_DELIVERED);

    @Inject
    PartyNames names;

    @Inject
    EntityManager em;

    @Inject
    HopSigning signing;

    @Inject
    MandateHistory mandates;

    /**
     * The verdict alone: the rebuilt hops and what is wrong with them. Each stored hop's signature
     * is checked again, as stored: the chain's hashes alone do not show that no one with the
     * audit's database rewrote a hop and every hash after it. A third state's hop is judged against
     * the mandates as they stood when it moved: its service's key alone does not show that the
     * state it names may act for the pair.
     */
    public Optional<HopChain.Verdict> verify(UUID noticeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select payload, 0, received_at from hop where notice_id = ?1 "
                        + "union all select payload, 1, received_at from hop_conflict where notice_id = ?1")
                .setParameter(1, noticeId).getResultList();
        if (rows.stream().noneMatch(r -> ((Number) r[1]).intValue() == 0)) {
            return Optional.empty();
        }
        List<JsonNode> evidence = new ArrayList<>(rows.size());
        Map<String, Instant> received = new HashMap<>();
        for (Object[] r : rows) {
            JsonNode hop = HopEvents.readTree((String) r[0]);
            evidence.add(hop);
            if (((Number) r[1]).intValue() == 0) {
                received.put(hop.path("eventId").asText(), instant(r[2]));
            }
        }
        HopChain.Verdict verdict = HopChain.verify(evidence);
        Set<String> altered = verdict.findings().stream().filter(f -> f.problem() == HopChain.Problem.ALTERED)
                .map(HopChain.Finding::eventId).collect(Collectors.toSet());
        List<HopChain.Finding> notGenuine = new ArrayList<>();
        for (JsonNode hop : evidence) {
            Authenticity authenticity = signing.check(hop);
            // An altered hop fails its signature too: it is reported once, as altered.
            if (!authenticity.genuine() && !altered.contains(hop.path("eventId").asText())) {
                notGenuine.add(new HopChain.Finding(HopChain.Problem.NOT_GENUINE, hop.path("hop").asInt(),
                        hop.path("eventId").asText(), "as stored, the hop is " + authenticity
                                + ": it is not what the service it names signed"));
            }
        }
        return Optional.of(verdict.with(notGenuine).with(notUnderMandate(verdict.hops(), received)));
    }

    /**
     * A third state's hop, judged at the time it says it moved, or at the time the audit received
     * it if that is earlier: its writer chooses {@code at}, and could date it after a mandate it
     * publishes later.
     */
    private List<HopChain.Finding> notUnderMandate(List<HopEvent> hops, Map<String, Instant> received) {
        // The notice as the first hop that carries it says (the dispatch, unless it is missing).
        Notice notice = hops.stream().map(HopEvent::notice).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        List<HopChain.Finding> findings = new ArrayList<>();
        for (HopEvent hop : hops) {
            if (notice == null || !CARRIED_BY_A_THIRD_STATE.contains(hop.type())
                    || !Channel.PROTECTING_POWER.service().equals(hop.service())) {
                continue;
            }
            Instant receivedAt = received.get(hop.eventId().toString());
            Instant when = receivedAt != null && receivedAt.isBefore(hop.at()) ? receivedAt : hop.at();
            Optional<String> refusal;
            try {
                refusal = new ThirdStateAuthority(mandates.at(when)).refusal(hop.from(), notice.from(), notice.to(),
                        notice.kind());
            } catch (IllegalArgumentException e) {
                refusal = Optional.of(e.getMessage());
            }
            refusal.ifPresent(why -> findings.add(new HopChain.Finding(HopChain.Problem.NOT_UNDER_MANDATE, hop.hop(),
                    hop.eventId().toString(), why + " at " + when + mandates.firstKnown(notice.from(), notice.to())
                            .filter(first -> first.isAfter(when))
                            .map(first -> " (the audit's record of mandates between " + notice.from() + " and "
                                    + notice.to() + " begins at " + first + ")").orElse(""))));
        }
        return findings;
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
                taken, attempts, hops, verdict.findings(), parties, nullIfEmpty(rejected(noticeId)),
                nullIfEmpty(breaches(first, verdict.hops())));
    }

    /** What the notice's regime asked that it did not keep, as its hops record it: given late, answered late. */
    private static List<String> breaches(HopEvent first, List<HopEvent> hops) {
        List<String> breaches = new ArrayList<>();
        if (first != null && first.notice() != null && first.notice().late() != null) {
            LateNotice late = first.notice().late();
            breaches.add("given late under " + first.notice().regime() + ": " + late.gave() + " before the event, where "
                    + late.owed() + " was owed");
        }
        hops.stream().filter(h -> h.type() == HopType.RECEIPT_LATE).forEach(h -> breaches.add("receipt late: " + h.reason()));
        return breaches;
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
