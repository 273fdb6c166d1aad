package org.chancery.ministry.domain;

/**
 * Where a sent notice stands, as its sending ministry sees it. The order is the order of
 * progress: a notice never moves back to an earlier status.
 */
public enum NoticeStatus {
    /** Chancery has taken the notice and planned its route. */
    ACCEPTED,
    /** A channel has it. */
    IN_TRANSIT,
    /** The receiving ministry has it. */
    DELIVERED,
    /** The receipt is back: the receiving ministry acknowledged the notice. */
    ACKNOWLEDGED;

    public boolean isAfter(NoticeStatus other) {
        return compareTo(other) > 0;
    }
}
