package org.chancery.events.registry;

/** Where a protecting-power mandate stands; only {@link #IN_FORCE} carries notices. */
public enum MandateStatus {
    IN_FORCE,
    /** Signed but the receiving state never consented (e.g. USA-VEN, 2019). */
    NEVER_IN_FORCE,
    /** Refused by the receiving state (e.g. UKR-RUS, 2022). */
    REJECTED,
    /** Was in force; ended, e.g. when relations were restored. */
    ENDED
}
