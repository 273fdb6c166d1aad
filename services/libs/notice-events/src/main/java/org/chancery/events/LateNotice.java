package org.chancery.events;

import java.time.Duration;

/**
 * A notification sent with less time before the notified event than its regime asks: the lead time it
 * {@code owed} and the one it {@code gave}, ISO 8601 durations. Practice is to send it all the same and
 * record the breach; the hash chain covers the record.
 */
public record LateNotice(String owed, String gave) {

    /** The record of a notice given {@code gave} ahead where {@code owed} was due. */
    public static LateNotice of(Duration owed, Duration gave) {
        return new LateNotice(owed.toString(), gave.isNegative() ? Duration.ZERO.toString() : gave.toString());
    }
}
