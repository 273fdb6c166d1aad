package org.chancery.events.registry;

/** Whether a hotline can carry a notice now. */
public enum LinkStatus {
    /** Working: notices go through. */
    UP,
    /** Declared down (cut, suspended): nothing goes through. */
    DOWN,
    /** The line works but the far end does not pick up. */
    NOT_ANSWERING,
    /** Its operation has not been verified; not used for notices. */
    UNVERIFIED
}
