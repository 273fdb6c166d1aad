package org.chancery.audit.domain;

import java.time.Instant;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;

/**
 * What the hops of one notice in one batch add to its path's summary. Merged into the stored
 * summary by one statement ({@code PathSummaries}), the merge is the same whatever order hops
 * arrive in: counts add up, times take their earliest or latest, the status climbs the ladder,
 * and the channel is the one the receipt came back by or, before that, the latest attempt's.
 */
public final class PathDelta {

    public final UUID noticeId;
    public String fromState;
    public String toState;
    public String kind;
    public String precedence;
    public String classification;
    public String subject;
    public String reference;
    public UUID circularId;
    public NoticeStatus status = NoticeStatus.IN_TRANSIT;
    public int attempts;
    public int hops;
    public Instant firstAt;
    public Instant lastAt;
    public Instant dispatchedAt;
    public Instant deliveredAt;
    public Instant receiptAt;
    private String attemptChannel;
    private String receiptChannel;

    public PathDelta(UUID noticeId) {
        this.noticeId = noticeId;
    }

    /** The channel this batch says the notice went by. */
    public String channel() {
        return receiptAt != null && receiptChannel != null ? receiptChannel : attemptChannel;
    }

    public void add(HopEvent hop) {
        hops++;
        firstAt = firstAt == null || hop.at().isBefore(firstAt) ? hop.at() : firstAt;
        lastAt = lastAt == null || hop.at().isAfter(lastAt) ? hop.at() : lastAt;
        String channel = hop.channel() == null ? null : hop.channel().name();
        if (hop.attempt() >= attempts && channel != null) {
            attemptChannel = channel;
        }
        attempts = Math.max(attempts, hop.attempt());
        NoticeStatus.reachedBy(hop.type(), hop.receipt()).filter(s -> s.outranks(status)).ifPresent(s -> status = s);
        if (hop.type() == HopType.NOTICE_DISPATCHED) {
            if (hop.notice() != null && fromState == null) {
                describe(hop.notice());
            }
            if (hop.hop() == 1) {
                dispatchedAt = hop.at();
            }
        } else if (hop.type() == HopType.NOTICE_DELIVERED) {
            deliveredAt = deliveredAt == null || hop.at().isBefore(deliveredAt) ? hop.at() : deliveredAt;
        } else if (hop.type() == HopType.RECEIPT_RECORDED && (receiptAt == null || hop.at().isBefore(receiptAt))) {
            receiptAt = hop.at();
            receiptChannel = channel;
        }
    }

    private void describe(Notice notice) {
        fromState = notice.from();
        toState = notice.to();
        kind = notice.kind() == null ? null : notice.kind().name();
        precedence = notice.precedence() == null ? null : notice.precedence().name();
        classification = notice.classification() == null ? null : notice.classification().name();
        subject = notice.subject();
        reference = notice.reference();
        circularId = notice.circular();
    }
}
