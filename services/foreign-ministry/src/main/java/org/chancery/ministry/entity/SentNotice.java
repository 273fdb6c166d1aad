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
import org.chancery.events.LateNotice;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.events.ReceiptOutcome;

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

    /** The notification regime the notice was given under, if any. */
    public String regime;

    /** When the event it notifies happens, if given. */
    @Column(name = "event_at")
    public Instant eventAt;

    /** The lead time a late notification owed under its regime, and the one it gave; null unless late. */
    @Column(name = "late_owed")
    public String lateOwed;

    @Column(name = "late_gave")
    public String lateGave;

    /** The circular note this notice is one recipient's copy of, if it is. */
    @Column(name = "circular_id")
    public UUID circularId;

    /** The body as it travels, sealed for the receiving ministry; null for a notice from before sealing. */
    @Column(name = "sealed_body")
    public String sealedBody;

    /** The routes planned, in order, as the JSON array carried by the first hop. */
    public String plan;

    @Enumerated(EnumType.STRING)
    public NoticeStatus status;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "receipt_outcome")
    public ReceiptOutcome receiptOutcome;

    @Column(name = "receipt_at")
    public Instant receiptAt;

    @Column(name = "receipt_reason")
    public String receiptReason;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The notice as it was issued, and travels: its body sealed. */
    public Notice notice() {
        return new Notice(content.fromState, content.toState, content.kind, content.precedence, content.classification,
                content.subject, sealedBody != null ? sealedBody : content.body, content.bodyDigest, deliverBy, regime,
                eventAt, circularId, late(), content.reference, content.inReplyTo, content.cited);
    }

    /** Whether it was given late under its regime, and by how much; null if not. */
    public LateNotice late() {
        return lateOwed == null ? null : new LateNotice(lateOwed, lateGave);
    }

    public List<StatusChange> history() {
        return StatusChange.list("noticeId = ?1 order by at, id", id);
    }
}
