package org.chancery.messaging;

import java.util.UUID;

/**
 * A consumed record that can never be processed, however often it is retried: it goes to the
 * dead-letter topic with this message as the reason, and the rest of its batch proceeds without
 * it. Thrown while a hop is handled, it names that hop; thrown when a batch's writes are made, it
 * names the hop by its event id.
 */
public class PoisonRecordException extends RuntimeException {

    private final UUID eventId;

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
        this.eventId = null;
    }

    public PoisonRecordException(String reason) {
        this(null, reason);
    }

    /** The hop with this event id is the poison. */
    public PoisonRecordException(UUID eventId, String reason) {
        this(eventId, reason, null);
    }

    /** The hop with this event id is the poison, for this cause. */
    public PoisonRecordException(UUID eventId, String reason, Throwable cause) {
        super(reason, cause);
        this.eventId = eventId;
    }

    /** The event id of the poison hop, when the exception names it. */
    public UUID eventId() {
        return eventId;
    }
}
