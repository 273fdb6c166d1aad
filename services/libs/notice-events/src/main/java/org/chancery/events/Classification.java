package org.chancery.events;

/** Security classification of a notice's content, least restrictive first. */
public enum Classification {
    UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP_SECRET;

    /** Whether the body must not be stored in clear outside the two ministries. */
    public boolean protectsBody() {
        return compareTo(CONFIDENTIAL) >= 0;
    }
}
