package org.chancery.audit.domain;

/**
 * Where a notice stands by the hops the audit has seen; the same ranks as the sending ministry's
 * statuses, so that hops arriving in any order lead to the same status.
 */
public enum PathStatus {
    IN_TRANSIT(1), DELIVERED(2), OVERDUE(3), ACKNOWLEDGED(4), REJECTED(4), FAILED(4);

    private final int rank;

    PathStatus(int rank) {
        this.rank = rank;
    }

    public boolean outranks(PathStatus other) {
        return rank > other.rank;
    }

    public boolean isFinal() {
        return rank == 4;
    }
}
