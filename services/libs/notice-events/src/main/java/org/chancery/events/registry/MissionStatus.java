package org.chancery.events.registry;

/** The state of a sending state's embassy in a host, as its last source gives it. */
public enum MissionStatus {
    /** Open: it hands notes to the host's ministry. */
    OPEN,
    /** Its operations are suspended (staff withdrawn); affairs may be handled from a seat abroad. */
    SUSPENDED,
    /** Closed. */
    CLOSED,
    /** There is none: relations were never established, or are severed. */
    NONE
}
