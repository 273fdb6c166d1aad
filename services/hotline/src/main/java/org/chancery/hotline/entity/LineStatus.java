package org.chancery.hotline.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.chancery.events.registry.LinkStatus;

/** A status an operator declared for a line. */
@Entity
@Table(name = "line_status")
public class LineStatus extends PanacheEntityBase {

    @Id
    @Column(name = "line_id")
    public String lineId;

    @Enumerated(EnumType.STRING)
    public LinkStatus status;

    public String note;

    @Column(name = "changed_at")
    public Instant changedAt;
}
