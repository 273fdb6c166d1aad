package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.LateNotice;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.entity.StatusChange;

/**
 * A sent notice as its sender follows it. {@code bodyDigest}, the SHA-256 of the body as it travels
 * (sealed for the receiving ministry; the digest the audit shows), is always shown; the body itself
 * only to the two ministries where the notice is classified. While the notice is on its way to its
 * receiver, {@code estimatedDelivery} says when it should reach it, from the notices ahead of it in
 * its lane and how fast the lane drains. {@code late}: given with less time before its event than its
 * regime asks, and sent all the same; the lead time it owed and the one it gave. {@code reference}:
 * the note's number as its sender gave it; {@code inReplyTo} and {@code references}: what it
 * answers and cites. {@code direction}: whether the reader's ministry sent or received it, at
 * {@code at}; a received note says the channel it came by, and whether the ministry has opened it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeView(
        UUID id,
        String from,
        String to,
        NoticeKind kind,
        Precedence precedence,
        Classification classification,
        String subject,
        String body,
        String bodyDigest,
        Instant deliverBy,
        String regime,
        Instant eventAt,
        LateNotice late,
        NoticeStatus status,
        Instant estimatedDelivery,
        String failureReason,
        List<StatusEntry> statusHistory,
        RouteView route,
        ReceiptView receipt,
        String reference,
        UUID inReplyTo,
        String references,
        Direction direction,
        Instant at,
        Channel channel,
        Boolean read) {

    /** Whether the reader's ministry sent the note or received it. */
    public enum Direction {
        SENT, RECEIVED
    }

    /**
     * A sent notice as its sender follows it: its statuses, its plan and attempts, when it should
     * reach its receiver ({@code estimated}, while under way), its body only if {@code bodyShown}.
     */
    static NoticeView sent(SentNotice n, List<Route> plan, List<StatusChange> statuses, List<Attempt> tried,
            Instant estimated, boolean bodyShown) {
        List<StatusEntry> history = statuses.stream().map(c -> new StatusEntry(c.status, c.at, c.detail)).toList();
        List<AttemptView> attempts = tried.stream()
                .map(a -> new AttemptView(a.number, a.channel, a.via, a.dispatchedAt, a.state, a.reason))
                .toList();
        NoticeContent c = n.content;
        return new NoticeView(n.id, c.fromState, c.toState, c.kind, c.precedence, c.classification, c.subject,
                bodyShown ? c.body : null, c.bodyDigest, n.deliverBy, n.regime, n.eventAt, n.late(), n.status,
                estimated, n.failureReason, history,
                new RouteView(plan, attempts.get(attempts.size() - 1).channel(), attempts),
                n.receiptOutcome == null ? null : ReceiptView.of(n), c.reference, c.inReplyTo, c.cited, Direction.SENT,
                n.acceptedAt, null, null);
    }

    /**
     * A notice as delivered to its receiving ministry: what it says, who handed it over and when,
     * and the answer the ministry gave; never the sender's plan, attempts or failures.
     */
    static NoticeView received(ReceivedNotice r) {
        NoticeContent c = r.content;
        NoticeStatus answered = r.receiptOutcome == ReceiptOutcome.REJECTED ? NoticeStatus.REJECTED
                : NoticeStatus.ACKNOWLEDGED;
        List<StatusEntry> history = List.of(
                new StatusEntry(NoticeStatus.DELIVERED, r.deliveredAt, "by " + r.channel + " (" + r.deliveredBy + ")"),
                new StatusEntry(answered, r.receiptAt, r.receiptReason));
        return new NoticeView(r.id, c.fromState, c.toState, c.kind, c.precedence, c.classification, c.subject, c.body,
                c.bodyDigest, null, null, null, null, answered, null, null, history, null, ReceiptView.of(r),
                c.reference, c.inReplyTo, c.cited, Direction.RECEIVED, r.deliveredAt, r.channel, r.readAt != null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusEntry(NoticeStatus status, Instant at, String detail) {
    }

    /** The routes planned, in order, the channel of the latest attempt, and every attempt. */
    public record RouteView(List<Route> planned, Channel channel, List<AttemptView> attempts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, Channel channel, String via, Instant dispatchedAt, AttemptState state,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiptView(UUID noticeId, ReceiptOutcome outcome, String by, Instant at, String reason) {

        /** The receipt as its sender recorded it. */
        static ReceiptView of(SentNotice n) {
            return new ReceiptView(n.id, n.receiptOutcome, n.content.toState, n.receiptAt, n.receiptReason);
        }

        /** The receipt as the receiving ministry gave it. */
        static ReceiptView of(ReceivedNotice r) {
            return new ReceiptView(r.id, r.receiptOutcome, r.content.toState, r.receiptAt, r.receiptReason);
        }
    }
}
