package org.chancery.ministry.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.ReceiptOutcome;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;

/**
 * What the hops of a batch (or a round of deadlines) change in the ministry's notices, gathered
 * in memory and written by {@link NoticeStore#write} with one statement per table.
 */
public final class NoticeChanges {

    /** A sent notice as a batch sees it: where it stands, locked for the batch's transaction. */
    public static final class Standing {
        final UUID id;
        final String fromState;
        final String toState;
        NoticeKind kind;
        String regime;
        Instant acceptedAt;
        NoticeStatus status;
        ReceiptOutcome receiptOutcome;
        Instant receiptAt;
        String receiptReason;
        String failureReason;
        boolean changed;

        Standing(UUID id, NoticeStatus status, String fromState, String toState) {
            this.id = id;
            this.status = status;
            this.fromState = fromState;
            this.toState = toState;
        }

        /** The standing of a whole sent notice, as read. */
        public static Standing of(SentNotice sent) {
            Standing s = new Standing(sent.id, sent.status, sent.content.fromState, sent.content.toState);
            s.receiptOutcome = sent.receiptOutcome;
            s.receiptAt = sent.receiptAt;
            s.receiptReason = sent.receiptReason;
            s.failureReason = sent.failureReason;
            s.kind = sent.content.kind;
            s.regime = sent.regime;
            s.acceptedAt = sent.acceptedAt;
            return s;
        }

        /** The kind of notice it is. */
        public NoticeKind kind() {
            return kind;
        }

        public UUID id() {
            return id;
        }

        /** The notification regime the notice was given under, or null. */
        public String regime() {
            return regime;
        }

        public Instant acceptedAt() {
            return acceptedAt;
        }

        public NoticeStatus status() {
            return status;
        }

        public String fromState() {
            return fromState;
        }

        public String toState() {
            return toState;
        }
    }

    /** A status a notice reached, and when. */
    public record StatusEntry(UUID noticeId, NoticeStatus status, Instant at, String detail) {
    }

    /** An attempt's new state; {@code onlyIf} limits it to an attempt in that state. */
    record Settlement(UUID noticeId, int number, AttemptState state, String reason, Instant at, AttemptState onlyIf) {
    }

    final Map<UUID, Standing> standings = new LinkedHashMap<>();
    final List<StatusEntry> history = new ArrayList<>();
    final Map<String, Settlement> settlements = new LinkedHashMap<>();
    final Set<UUID> escalationsStopped = new LinkedHashSet<>();
    final List<Attempt> newAttempts = new ArrayList<>();
    final List<ReceivedNotice> received = new ArrayList<>();

    /**
     * Records the status a hop of the notice's path marks ({@link NoticeStatus#reachedBy}, the one
     * fold the audit uses too), and moves the notice there if that outranks where it stands;
     * returns whether it moved.
     */
    public boolean reached(Standing notice, HopEvent hop, String detail) {
        NoticeStatus next = NoticeStatus.reachedBy(hop.type(), hop.receipt())
                .orElseThrow(() -> new IllegalArgumentException(hop.type() + " marks no status"));
        history.add(new StatusEntry(notice.id, next, hop.at(), detail));
        if (!next.outranks(notice.status)) {
            return false;
        }
        notice.status = next;
        notice.changed = true;
        standings.put(notice.id, notice);
        return true;
    }

    /**
     * The receipt is back, as the sender records it: it decides the notice, unless an earlier one
     * did. Returns whether it did. The caller settles the attempt it answers, which ends that
     * attempt's escalation, and stops the others' ({@link #stopEscalating}) if the notice has more.
     */
    public boolean receipt(Standing notice, HopEvent recorded, String detail) {
        if (notice.status.isFinal()) {
            return false;
        }
        notice.receiptOutcome = recorded.receiptOutcome();
        notice.receiptAt = recorded.at();
        notice.receiptReason = recorded.reason();
        reached(notice, recorded, detail);
        return true;
    }

    /** Every route failed, as the hop that says so records. */
    public void fail(Standing notice, HopEvent undeliverable) {
        notice.failureReason = undeliverable.reason();
        reached(notice, undeliverable, undeliverable.reason());
        escalationsStopped.add(notice.id);
    }

    /** How one attempt fared; a later settlement of the same attempt replaces an earlier one. */
    public void settle(UUID noticeId, int number, AttemptState state, String reason, Instant at) {
        settlements.put(noticeId + "#" + number, new Settlement(noticeId, number, state, reason, at, null));
    }

    /** The receiving ministry has the notice by this attempt, unless the attempt is settled otherwise already. */
    public void delivered(UUID noticeId, int number, Instant at) {
        settlements.putIfAbsent(noticeId + "#" + number,
                new Settlement(noticeId, number, AttemptState.DELIVERED, null, at, AttemptState.IN_FLIGHT));
    }

    /** No attempt of the notice is escalated any more (a new one may set its own time after). */
    public void stopEscalating(UUID noticeId) {
        escalationsStopped.add(noticeId);
    }

    public void attempt(Attempt attempt) {
        newAttempts.add(attempt);
    }

    public void received(ReceivedNotice notice) {
        received.add(notice);
    }

    boolean isEmpty() {
        return standings.isEmpty() && history.isEmpty() && settlements.isEmpty() && escalationsStopped.isEmpty()
                && newAttempts.isEmpty() && received.isEmpty();
    }
}
