package org.chancery.events.registry;

/** What traffic a hotline was built for. */
public enum HotlineLevel {
    /** Heads of state or government. */
    LEADERS,
    /** Notifications under arms-control treaties (risk reduction centres). */
    TREATY_NOTIFICATION,
    /** Military deconfliction between forces operating near each other. */
    DECONFLICTION,
    /** Defence ministers, chiefs of staff, military operations directorates. */
    MILITARY,
    /** Foreign ministries or foreign secretaries. */
    FOREIGN_MINISTRIES,
    /** Liaison lines between states without diplomatic relations. */
    LIAISON
}
