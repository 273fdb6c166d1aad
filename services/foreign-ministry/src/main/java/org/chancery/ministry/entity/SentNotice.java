package org.chancery.ministry.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.ministry.domain.NoticeStatus;

/** A notice one of this service's ministries sent, and how far it has got. */
@Entity
@Table(name = "sent_notice")
public class SentNotice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Embedded
    public NoticeContent content;

    @Column(name = "deliver_by")
    public Instant deliverBy;

    /** The routes planned, in order, as the JSON array carried by the first hop. */
    public String plan;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public int attempt;

    @Enumerated(EnumType.STRING)
    public NoticeStatus status;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "receipt_outcome")
    public String receiptOutcome;

    @Column(name = "receipt_at")
    public Instant receiptAt;

    @Column(name = "receipt_reason")
    public String receiptReason;

    /** Moves the notice to {@code next} unless it is already further; records the step either way. */
    public void advance(NoticeStatus next, Instant at) {
        StatusChange.record(id, next, at);
        if (next.isAfter(status)) {
            status = next;
        }
    }

    public List<StatusChange> history() {
        return StatusChange.list("noticeId = ?1 order by at, id", id);
    }
}
