package org.chancery.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A hop waiting to be published: exactly the bytes that go on the topic. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    /** The consumed hop this one answers; null for a hop that began at REST ingress. */
    @Column(name = "caused_by")
    public UUID causedBy;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "ce_type")
    public String ceType;

    @Column(name = "ce_time")
    public Instant ceTime;

    public String payload;

    /** W3C trace context of the work that emitted it. */
    public String traceparent;

    @Column(name = "created_at")
    public Instant createdAt;
}
