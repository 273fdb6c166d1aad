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
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.ReceiptOutcome;

/** A notice delivered to one of this service's ministries. */
@Entity
@Table(name = "received_notice")
public class ReceivedNotice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Embedded
    public NoticeContent content;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** The party that handed it over, e.g. {@code embassy:USA@DEU}. */
    @Column(name = "delivered_by")
    public String deliveredBy;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "receipt_outcome")
    public ReceiptOutcome receiptOutcome;

    @Column(name = "receipt_reason")
    public String receiptReason;

    @Column(name = "receipt_at")
    public Instant receiptAt;

    /** When the ministry first opened it on its desk; null while unread. */
    @Column(name = "read_at")
    public Instant readAt;
}
