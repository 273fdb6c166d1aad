package org.chancery.ministry.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.chancery.ministry.domain.NoticeStatus;

/** One status a sent notice reached, and when. */
@Entity
@Table(name = "status_change")
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "notice_id")
    public UUID noticeId;

    @Enumerated(EnumType.STRING)
    public NoticeStatus status;

    public Instant at;

    public String detail;

    /** Records the status the first time the notice reaches it; one statement, without reading first. */
    static void record(UUID noticeId, NoticeStatus status, Instant at, String detail) {
        getEntityManager().createNativeQuery("insert into status_change (notice_id, status, at, detail) "
                        + "values (?1, ?2, ?3, ?4) on conflict (notice_id, status) do nothing")
                .setParameter(1, noticeId)
                .setParameter(2, status.name())
                .setParameter(3, at)
                .setParameter(4, detail)
                .executeUpdate();
    }
}
