package org.chancery.hotline.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A notice waiting for the far end to answer. */
@Entity
@Table(name = "ringing_call")
public class RingingCall extends PanacheEntityBase {

    @Id
    @Column(name = "dispatch_event_id")
    public UUID dispatchEventId;

    @Column(name = "line_id")
    public String lineId;

    /** The dispatch hop, as received. */
    public String dispatch;

    @Column(name = "give_up_at")
    public Instant giveUpAt;
}
