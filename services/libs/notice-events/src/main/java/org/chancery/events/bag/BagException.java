package org.chancery.events.bag;

/** A sealed body that cannot be opened: not in the bag's form, for a key not held, or altered. */
public class BagException extends RuntimeException {

    public BagException(String message) {
        super(message);
    }
}
