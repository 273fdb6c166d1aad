package org.chancery.messaging;

/**
 * A consumed record that can never be processed, however often it is retried: it goes to the
 * dead-letter topic with this message as the reason, and the consumer moves on.
 */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PoisonRecordException(String reason) {
        super(reason);
    }
}
