package org.chancery.audit.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.chancery.events.NoticeStatus;

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

    /** The note's number as its sending ministry gave it; null for a notice from before numbering. */
    public String reference;

    /** The circular note this notice is one recipient's copy of, if it is. */
    @Column(name = "circular_id")
    public UUID circularId;

    @Enumerated(EnumType.STRING)
    public NoticeStatus status;

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
}
