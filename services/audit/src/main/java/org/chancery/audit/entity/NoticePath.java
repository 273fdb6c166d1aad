package org.chancery.audit.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chancery.audit.domain.PathStatus;
import org.chancery.events.HopEvent;
import org.chancery.events.Notice;
import org.chancery.events.ReceiptOutcome;

/** A notice as the audit has seen it so far: for queries; the evidence stays in the hops. */
@Entity
@Table(name = "notice_path")
public class NoticePath extends PanacheEntityBase {

    @Id
    @Column(name = "notice_id")
    public UUID noticeId;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    public String kind;

    public String precedence;

    public String classification;

    public String subject;

    @Enumerated(EnumType.STRING)
    public PathStatus status;

    /** The channel of the latest attempt, or of the one whose receipt came back. */
    public String channel;

    public int attempts;

    public int hops;

    @Column(name = "first_at")
    public Instant firstAt;

    @Column(name = "last_at")
    public Instant lastAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "receipt_at")
    public Instant receiptAt;

    /** From the first dispatch to the first receipt recorded. */
    @Column(name = "latency_ms")
    public Double latencyMs;

    /** Takes one more hop into account, whatever order hops arrive in. */
    public void add(HopEvent hop) {
        hops++;
        firstAt = firstAt == null || hop.at().isBefore(firstAt) ? hop.at() : firstAt;
        lastAt = lastAt == null || hop.at().isAfter(lastAt) ? hop.at() : lastAt;
        if (hop.attempt() >= attempts) {
            attempts = hop.attempt();
            if (!status.isFinal() && hop.channel() != null) {
                channel = hop.channel().name();
            }
        }
        switch (hop.type()) {
            case NOTICE_DISPATCHED -> {
                if (hop.notice() != null && fromState == null) {
                    describe(hop.notice());
                }
                if (hop.hop() == 1) {
                    dispatchedAt = hop.at();
                }
            }
            case NOTICE_DELIVERED -> {
                deliveredAt = deliveredAt == null || hop.at().isBefore(deliveredAt) ? hop.at() : deliveredAt;
                advance(PathStatus.DELIVERED);
            }
            case RECEIPT_RECORDED -> {
                if (receiptAt == null || hop.at().isBefore(receiptAt)) {
                    receiptAt = hop.at();
                    channel = hop.channel() == null ? channel : hop.channel().name();
                }
                advance(hop.receipt() == ReceiptOutcome.REJECTED ? PathStatus.REJECTED : PathStatus.ACKNOWLEDGED);
            }
            case NOTICE_OVERDUE -> advance(PathStatus.OVERDUE);
            case NOTICE_UNDELIVERABLE -> advance(PathStatus.FAILED);
            default -> { }
        }
        latencyMs = dispatchedAt == null || receiptAt == null ? null
                : Duration.between(dispatchedAt, receiptAt).toNanos() / 1_000_000.0;
    }

    private void describe(Notice notice) {
        fromState = notice.from();
        toState = notice.to();
        kind = notice.kind() == null ? null : notice.kind().name();
        precedence = notice.precedence() == null ? null : notice.precedence().name();
        classification = notice.classification() == null ? null : notice.classification().name();
        subject = notice.subject();
    }

    private void advance(PathStatus next) {
        if (next.outranks(status)) {
            status = next;
        }
    }
}
