package org.chancery.audit.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A hop as the audit received it. {@code payload} is the evidence the verdict is computed from;
 * the other columns are copies of its fields, for queries.
 */
@Entity
@Table(name = "hop")
public class StoredHop extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "notice_id")
    public UUID noticeId;

    public int hop;

    @Column(name = "parent_id")
    public UUID parentId;

    public String type;

    public String service;

    public String channel;

    public int attempt;

    @Column(name = "from_party")
    public String fromParty;

    @Column(name = "to_party")
    public String toParty;

    public Instant at;

    public String hash;

    public String topic;

    @Column(name = "kafka_partition")
    public int partition;

    @Column(name = "kafka_offset")
    public long offset;

    public String payload;

    @Column(name = "received_at")
    public Instant receivedAt;
}
