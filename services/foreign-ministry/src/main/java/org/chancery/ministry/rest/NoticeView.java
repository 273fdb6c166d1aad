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

/**
 * A sent notice as its sender follows it. {@code bodyDigest}, the SHA-256 of the body as it travels
 * (sealed for the receiving ministry; the digest the audit shows), is always shown; the body itself
 * only to the two ministries where the notice is classified. While the notice is on its way to its
 * receiver, {@code estimatedDelivery} says when it should reach it, from the notices ahead of it in
 * its lane and how fast the lane drains. {@code late}: given with less time before its event than its
 * regime asks, and sent all the same; the lead time it owed and the one it gave.
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
        ReceiptView receipt) {

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
    }
}
