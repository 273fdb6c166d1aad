package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Precedence;
import org.chancery.ministry.domain.CircularStanding;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.SentNotice;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A circular note as its sender follows it: where it stands, and each recipient's copy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CircularView", description = "A notice sent to several states; each copy is a notice of its own")
public record CircularView(
        UUID id,
        String from,
        List<String> to,
        NoticeKind kind,
        Precedence precedence,
        Classification classification,
        String subject,
        String regime,
        Instant acceptedAt,
        @Schema(description = "IN_TRANSIT while any copy is under way; then ACKNOWLEDGED when every recipient "
                + "acknowledged, PARTLY_ACKNOWLEDGED when some did, NOT_ACKNOWLEDGED when none did")
        CircularStanding.Status status,
        Counts counts,
        List<Copy> copies,
        @Schema(description = "The note's number, which each copy carries, e.g. USA 2026/00142")
        String reference) {

    /** A circular note and the copies sent of it ({@code sent}: those the broker took). */
    static CircularView of(Circular c, List<SentNotice> sent) {
        Map<String, SentNotice> byRecipient = new HashMap<>();
        sent.forEach(n -> byRecipient.put(n.content.toState, n));
        List<Copy> copies = c.recipientList().stream().map(to -> {
            SentNotice n = byRecipient.get(to);
            return n == null ? new Copy(to, null, null, null, "not sent: the broker did not take it")
                    : new Copy(to, n.id, n.status, n.receiptAt, n.receiptReason != null ? n.receiptReason : n.failureReason);
        }).toList();
        CircularStanding standing = CircularStanding.of(copies.size(), sent.stream().map(n -> n.status).toList());
        return new CircularView(c.id, c.fromState, c.recipientList(), c.kind, c.precedence, c.classification,
                c.subject, c.regime, c.acceptedAt, standing.status(), Counts.of(standing), copies, c.reference);
    }

    /** How many copies stand where: pending includes the overdue ones. */
    public record Counts(int recipients, int pending, int overdue, int acknowledged, int returned, int failed,
            int notSent) {

        static Counts of(CircularStanding s) {
            return new Counts(s.recipients(), s.pending(), s.overdue(), s.acknowledged(), s.returned(), s.failed(),
                    s.notSent());
        }
    }

    /** One recipient's copy: a notice of its own, followed at {@code /notices/{noticeId}}; no id if never sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Copy(String to, UUID noticeId, NoticeStatus status, Instant receiptAt, String reason) {
    }
}
