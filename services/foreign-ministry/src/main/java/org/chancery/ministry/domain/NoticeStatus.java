package org.chancery.ministry.domain;

/**
 * Where a sent notice stands, as its sending ministry sees it. A notice moves only to a status of
 * higher rank: OVERDUE outranks the statuses of a notice still under way, and a receipt or a
 * final failure ends it.
 */
public enum NoticeStatus {
    /** Chancery has taken the notice and planned its route. */
    ACCEPTED(0),
    /** A channel has it. */
    IN_TRANSIT(1),
    /** The receiving ministry has it. */
    DELIVERED(2),
    /** Its deadline passed before a receipt came back; it is still under way. */
    OVERDUE(3),
    /** The receiving ministry acknowledged it; the receipt is back. */
    ACKNOWLEDGED(4),
    /** The receiving ministry returned it; the receipt, with the reason, is back. */
    REJECTED(4),
    /** Every planned route failed. */
    FAILED(4);

    private final int rank;

    NoticeStatus(int rank) {
        this.rank = rank;
    }

    public boolean outranks(NoticeStatus other) {
        return rank > other.rank;
    }

    public boolean isFinal() {
        return rank == 4;
    }
}
