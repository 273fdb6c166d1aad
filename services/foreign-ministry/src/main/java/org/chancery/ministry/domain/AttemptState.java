package org.chancery.ministry.domain;

/** How one route of a notice fared. */
public enum AttemptState {
    /** Dispatched; nothing heard back yet. */
    IN_FLIGHT,
    /** The receiving ministry has the notice by this route. */
    DELIVERED,
    /** The receipt came back by this route. */
    ACKNOWLEDGED,
    /** The notice was returned by this route. */
    REJECTED,
    /** The channel could not deliver. */
    FAILED;

    public boolean open() {
        return this == IN_FLIGHT || this == DELIVERED;
    }
}
