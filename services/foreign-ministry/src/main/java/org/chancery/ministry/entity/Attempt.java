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
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.ministry.domain.AttemptState;

/** One route tried for a sent notice. */
@Entity
@Table(name = "attempt")
public class Attempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "notice_id")
    public UUID noticeId;

    public int number;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** The parties of the route, space-separated. */
    public String via;

    /** The hop that dispatched it, as published: an escalation follows from it. */
    @Column(name = "dispatch_hop")
    public String dispatchHop;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    /** When the next route is tried if no receipt has come; null once that is moot. */
    @Column(name = "escalate_at")
    public Instant escalateAt;

    @Enumerated(EnumType.STRING)
    public AttemptState state;

    public String reason;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Attempt of(HopEvent dispatch, Instant escalateAt) {
        return of(dispatch, HopEvents.toJson(dispatch), escalateAt);
    }

    /** The attempt a dispatch hop begins, the hop kept as it was published ({@code dispatchJson}). */
    public static Attempt of(HopEvent dispatch, String dispatchJson, Instant escalateAt) {
        Attempt attempt = new Attempt();
        attempt.noticeId = dispatch.noticeId();
        attempt.number = dispatch.attempt();
        attempt.channel = dispatch.channel();
        attempt.via = dispatch.to();
        attempt.dispatchHop = dispatchJson;
        attempt.dispatchedAt = dispatch.at();
        attempt.escalateAt = escalateAt;
        attempt.state = AttemptState.IN_FLIGHT;
        attempt.updatedAt = dispatch.at();
        return attempt;
    }

    public HopEvent dispatch() {
        return HopEvents.fromJson(dispatchHop);
    }

    public void settle(AttemptState newState, String why, Instant at) {
        state = newState;
        reason = why;
        updatedAt = at;
        if (!newState.open()) {
            escalateAt = null;
        }
    }

    public static List<Attempt> of(UUID noticeId) {
        return list("noticeId = ?1 order by number", noticeId);
    }

    public static Attempt find(UUID noticeId, int number) {
        return find("noticeId = ?1 and number = ?2", noticeId, number).firstResult();
    }
}
