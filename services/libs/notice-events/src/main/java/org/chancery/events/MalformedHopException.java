package org.chancery.events;

/** A record on a hop topic that is not a hop this contract can read. */
public class MalformedHopException extends RuntimeException {
    public MalformedHopException(String message, Throwable cause) {
        super(message, cause);
    }
}
