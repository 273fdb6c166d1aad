package org.chancery.events.registry;

/** Whether a hotline can carry a notice now, as far as its newest source (or its operator) says. */
public enum LinkStatus {
    /** Working: notices go through. */
    UP,
    /** Declared down (cut, suspended): nothing goes through. */
    DOWN,
    /** The line works but the far end does not pick up. */
    NOT_ANSWERING,
    /** It exists, but the sources record no use of it for a long time, or say it was set aside; not used. */
    DORMANT,
    /** No source says whether it works now; not used. */
    UNKNOWN
}
