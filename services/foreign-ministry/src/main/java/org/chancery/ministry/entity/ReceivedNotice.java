package org.chancery.ministry.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;

/** A notice delivered to one of this service's ministries. */
@Entity
@Table(name = "received_notice")
public class ReceivedNotice extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    @Enumerated(EnumType.STRING)
    public NoticeKind kind;

    @Enumerated(EnumType.STRING)
    public Precedence precedence;

    @Enumerated(EnumType.STRING)
    public Classification classification;

    public String subject;

    public String body;

    @Column(name = "body_digest")
    public String bodyDigest;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** The party that handed it over, e.g. {@code embassy:USA@DEU}. */
    @Column(name = "delivered_by")
    public String deliveredBy;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
}
