package org.chancery.audit.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A copy of an event id that differs from the copy stored first. */
@Entity
@Table(name = "hop_conflict")
public class ConflictingCopy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "notice_id")
    public UUID noticeId;

    public String payload;

    public String topic;

    @Column(name = "received_at")
    public Instant receivedAt;
}
