package org.chancery.ministry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.chancery.events.Precedence;

/**
 * How long a route may go without a receipt before the next is tried beside it: each precedence's
 * handling time, shortened where a deadline leaves less.
 */
public record Escalation(Map<Precedence, Duration> after) {

    /** The precedence's handling time: how long a notice of it may take to reach its receiver. */
    public Duration handlingTime(Precedence precedence) {
        return after.get(precedence);
    }

    /**
     * When a route dispatched at {@code dispatchedAt} is given up for the next if no receipt has
     * come: after the precedence's handling time, or half the time left before the deadline if that
     * is sooner.
     */
    public Instant at(Instant dispatchedAt, Precedence precedence, Instant deliverBy) {
        Instant byPrecedence = dispatchedAt.plus(after.get(precedence));
        if (deliverBy == null || !deliverBy.isAfter(dispatchedAt)) {
            return deliverBy == null ? byPrecedence : dispatchedAt;
        }
        Instant halfway = dispatchedAt.plus(Duration.between(dispatchedAt, deliverBy).dividedBy(2));
        return halfway.isBefore(byPrecedence) ? halfway : byPrecedence;
    }
}
