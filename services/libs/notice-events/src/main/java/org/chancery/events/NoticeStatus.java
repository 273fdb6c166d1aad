package org.chancery.events;

import java.util.Optional;

/**
 * Where a notice stands: the one ladder that its sending ministry and the audit both climb. A
 * notice moves only to a status of higher rank, so hops applied in any order lead to the same
 * status: OVERDUE outranks the statuses of a notice still under way, and a receipt or a final
 * failure ends it.
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

    public int rank() {
        return rank;
    }

    public boolean outranks(NoticeStatus other) {
        return other == null || rank > other.rank;
    }

    public boolean isFinal() {
        return rank == 4;
    }

    /**
     * The status a notice reaches by a hop of its path, if the hop marks one: its dispatch, its
     * delivery to the receiving ministry, the receipt recorded by the sender, its deadline missed,
     * every route failed. The other hops move it along without changing where it stands.
     */
    public static Optional<NoticeStatus> reachedBy(HopType type, ReceiptOutcome receipt) {
        return Optional.ofNullable(switch (type) {
            case NOTICE_DISPATCHED -> IN_TRANSIT;
            case NOTICE_DELIVERED -> DELIVERED;
            case RECEIPT_RECORDED -> receipt == ReceiptOutcome.REJECTED ? REJECTED : ACKNOWLEDGED;
            case NOTICE_OVERDUE -> OVERDUE;
            case NOTICE_UNDELIVERABLE -> FAILED;
            default -> null;
        });
    }
}
