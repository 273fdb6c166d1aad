package org.chancery.events;

/** The diplomatic form of a notice; route planning takes it into account. */
public enum NoticeKind {
    /** Third-person note from ministry or mission, the everyday form. */
    NOTE_VERBALE,
    /** A formal representation of a government's position. */
    DEMARCHE,
    /** The receiving state's ambassador is summoned to the ministry. */
    SUMMONS,
    /** An informal written summary left after a meeting. */
    AIDE_MEMOIRE,
    /** A military deconfliction notice, e.g. a flight into a conflict zone. */
    DECONFLICTION_NOTICE,
    /** A notification due under a treaty, e.g. a missile launch. */
    TREATY_NOTIFICATION,
    /** A message between heads of state or government. */
    LEADER_MESSAGE
}
