package org.chancery.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Rebuilds and verifies the path of one notice from its hops, in whatever order and however
 * often they arrived. Redelivered copies (same event id, same content) are tolerated; everything
 * else that departs from an intact chain, or from the {@link HopGrammar} of a path, is reported as a
 * {@link Finding}, never repaired.
 */
public final class HopChain {

    /** What can be wrong with a path. */
    public enum Problem {
        /** The hop's content does not match its hash: it was altered after it was emitted. */
        ALTERED,
        /** The body the hop carries is not the one its digest names: the text was changed after it was sent. */
        BODY_ALTERED,
        /** The hop carries the notice changed from the one the hops before it carried. */
        NOTICE_CHANGED,
        /** Two copies of one event id with different content. */
        CONFLICTING_COPY,
        /** The hop names a parent that is not in the path: a hop is missing. */
        GAP,
        /** The hop's {@code prevHash} is not its parent's hash. */
        BROKEN_LINK,
        /** The hop's number or time does not follow its parent's. */
        OUT_OF_ORDER,
        /** A second, different hop doing what a hop already did (same parent, type and attempt). */
        DUPLICATE,
        /** More than one hop claims to be the first. */
        EXTRA_ROOT,
        /** A record that is not a readable hop. */
        UNREADABLE,
        /** A type of hop that may not follow its parent's ({@link HopGrammar.Breach#OUT_OF_TURN}). */
        OUT_OF_TURN,
        /** The hop does not leave from where its parent went ({@link HopGrammar.Breach#WRONG_PARTY}). */
        WRONG_PARTY,
        /** Another channel or attempt than its parent's ({@link HopGrammar.Breach#WRONG_CHANNEL}). */
        WRONG_CHANNEL,
        /** A receipt's outcome is not the one the receiving ministry signed ({@link HopGrammar.Breach#RECEIPT_CHANGED}). */
        RECEIPT_CHANGED,
        /** The hop is not what the service it names signed, checked again as stored (see the audit). */
        NOT_GENUINE,
        /**
         * A third state carried the notice or its receipt without a mandate in force for the pair when
         * it did, as the registry of mandates stood then (see the audit).
         */
        NOT_UNDER_MANDATE
    }

    /** One problem, at a hop of the path. */
    public record Finding(Problem problem, int hop, String eventId, String detail) {
    }

    /** The rebuilt path: hops in causal then time order, and what is wrong with it. */
    /** Findings in the order of the path, and at one hop in the order of {@link Problem}. */
    private static final Comparator<Finding> FINDINGS = Comparator.comparingInt(Finding::hop)
            .thenComparing(f -> f.problem().ordinal());

    public record Verdict(List<HopEvent> hops, List<Finding> findings) {
        public boolean verified() {
            return findings.isEmpty();
        }

        /** This verdict with more findings, found outside the chain (such as signatures checked again). */
        public Verdict with(List<Finding> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Finding> all = new ArrayList<>(findings);
            all.addAll(more);
            all.sort(FINDINGS);
            return new Verdict(hops, List.copyOf(all));
        }
    }

    private HopChain() {
    }

    public static Verdict verify(List<JsonNode> received) {
        List<Finding> findings = new ArrayList<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode tree : received) {
            String id = tree.path("eventId").asText();
            JsonNode earlier = byId.putIfAbsent(id, tree);
            if (earlier != null && !CanonicalJson.string(earlier).equals(CanonicalJson.string(tree))) {
                findings.add(new Finding(Problem.CONFLICTING_COPY, tree.path("hop").asInt(), id,
                        "two different copies of event " + id));
            }
        }

        Map<String, HopEvent> hops = new LinkedHashMap<>();
        Set<String> altered = new HashSet<>();
        for (JsonNode tree : byId.values()) {
            HopEvent hop;
            try {
                hop = HopEvents.fromTree(tree);
            } catch (MalformedHopException e) {
                findings.add(new Finding(Problem.UNREADABLE, tree.path("hop").asInt(),
                        tree.path("eventId").asText(), e.getMessage()));
                continue;
            }
            if (!HopHash.of(tree).equals(hop.hash())) {
                findings.add(new Finding(Problem.ALTERED, hop.hop(), id(hop),
                        hop.type().ceType() + " does not match its hash: altered after it was emitted"));
                altered.add(id(hop));
            }
            if (!Bodies.match(tree)) {
                findings.add(new Finding(Problem.BODY_ALTERED, hop.hop(), id(hop), hop.type().ceType()
                        + " carries a body whose digest is not notice.bodyDigest: the text was changed after it was sent"));
            }
            hops.put(id(hop), hop);
        }

        Map<String, List<HopEvent>> children = new HashMap<>();
        Map<String, HopEvent> seenActs = new HashMap<>();
        List<HopEvent> roots = new ArrayList<>();
        for (HopEvent hop : hops.values()) {
            String act = hop.parentId() + "|" + hop.type() + "|" + hop.attempt();
            HopEvent twin = seenActs.putIfAbsent(act, hop);
            if (twin != null) {
                findings.add(new Finding(Problem.DUPLICATE, hop.hop(), id(hop),
                        hop.type().ceType() + " duplicates event " + id(twin)));
            }
            if (hop.parentId() == null) {
                roots.add(hop);
                if (hop.hop() != 1 || hop.prevHash() != null) {
                    findings.add(new Finding(Problem.OUT_OF_ORDER, hop.hop(), id(hop),
                            "a hop without parent must be hop 1 without prevHash"));
                }
                HopGrammar.first(hop).ifPresent(v -> findings.add(finding(v, hop)));
                continue;
            }
            HopEvent parent = hops.get(hop.parentId().toString());
            if (parent == null) {
                findings.add(new Finding(Problem.GAP, hop.hop(), id(hop),
                        "the hop before it (event " + hop.parentId() + ") is missing"));
                roots.add(hop);
                continue;
            }
            children.computeIfAbsent(id(parent), k -> new ArrayList<>()).add(hop);
            if (!Objects.equals(hop.prevHash(), parent.hash())) {
                findings.add(new Finding(Problem.BROKEN_LINK, hop.hop(), id(hop),
                        "prevHash is not the hash of hop " + parent.hop()));
            }
            noticeChange(hop, hops).ifPresent(findings::add);
            // What an altered hop says is not what was sent: it is reported as altered, and neither it
            // nor the hop after it is judged by what it now says.
            if (!altered.contains(id(hop)) && !altered.contains(id(parent))) {
                HopGrammar.afterParent(hop, parent).ifPresent(v -> findings.add(finding(v, hop)));
            }
            if (hop.hop() != parent.hop() + 1) {
                findings.add(new Finding(Problem.OUT_OF_ORDER, hop.hop(), id(hop),
                        "numbered " + hop.hop() + " after hop " + parent.hop()));
            } else if (hop.at().isBefore(parent.at())) {
                findings.add(new Finding(Problem.OUT_OF_ORDER, hop.hop(), id(hop),
                        "happened at " + hop.at() + ", before hop " + parent.hop() + " at " + parent.at()));
            }
        }
        long firsts = roots.stream().filter(h -> h.parentId() == null).count();
        if (firsts > 1) {
            roots.stream().filter(h -> h.parentId() == null).skip(1).forEach(h -> findings.add(
                    new Finding(Problem.EXTRA_ROOT, h.hop(), id(h), "a second first hop")));
        } else if (firsts == 0 && !hops.isEmpty()) {
            HopEvent earliest = roots.stream().min(ORDER).orElseThrow();
            if (findings.stream().noneMatch(f -> f.problem() == Problem.GAP)) {
                findings.add(new Finding(Problem.GAP, earliest.hop(), id(earliest), "the first hop is missing"));
            }
        }
        List<HopEvent> ordered = order(roots, children);
        if (ordered.size() < hops.size()) {
            hops.values().stream().filter(h -> !ordered.contains(h)).sorted(ORDER).forEach(h -> {
                findings.add(new Finding(Problem.OUT_OF_ORDER, h.hop(), id(h), "its parents form a cycle"));
                ordered.add(h);
            });
        }
        findings.sort(FINDINGS);
        return new Verdict(List.copyOf(ordered), List.copyOf(findings));
    }

    private static final Comparator<HopEvent> ORDER = Comparator.comparing(HopEvent::at, Instant::compareTo)
            .thenComparingInt(HopEvent::hop)
            .thenComparing(HopChain::id);

    /** Parents before children; among hops that are ready, the earliest first. */
    private static List<HopEvent> order(List<HopEvent> roots, Map<String, List<HopEvent>> children) {
        List<HopEvent> ordered = new ArrayList<>();
        PriorityQueue<HopEvent> ready = new PriorityQueue<>(ORDER);
        ready.addAll(roots);
        while (!ready.isEmpty()) {
            HopEvent next = ready.poll();
            ordered.add(next);
            ready.addAll(children.getOrDefault(id(next), List.of()));
        }
        return ordered;
    }

    /**
     * Whether the hop carries the notice otherwise than the nearest hop before it that carries one:
     * a relay signs its own hops, so only this comparison shows it rewrote what the notice says.
     */
    private static Optional<Finding> noticeChange(HopEvent hop, Map<String, HopEvent> hops) {
        if (hop.notice() == null) {
            return Optional.empty();
        }
        HopEvent before = hops.get(String.valueOf(hop.parentId()));
        for (int steps = 0; before != null && before.notice() == null && steps < hops.size(); steps++) {
            before = hops.get(String.valueOf(before.parentId()));
        }
        if (before == null || before.notice() == null
                || before.notice().withoutBody().equals(hop.notice().withoutBody())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Problem.NOTICE_CHANGED, hop.hop(), id(hop), hop.type().ceType()
                + " carries the notice otherwise than hop " + before.hop() + " did: it was rewritten on the way"));
    }

    private static Finding finding(HopGrammar.Violation violation, HopEvent hop) {
        return new Finding(Problem.valueOf(violation.breach().name()), hop.hop(), id(hop), violation.detail());
    }

    private static String id(HopEvent hop) {
        return hop.eventId().toString();
    }
}
