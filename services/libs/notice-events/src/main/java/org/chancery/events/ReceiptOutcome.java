package org.chancery.events;

/** What the receiving ministry did with a notice; carried by every hop of the receipt. */
public enum ReceiptOutcome {
    ACKNOWLEDGED, REJECTED
}
