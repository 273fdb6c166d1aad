package org.chancery.events.registry;

/** What a third state does for two others, and so how a notice passes through it. */
public enum MandateKind {
    /** A protecting power relays through the interests section it runs in the receiving state (VCDR Art. 45-46). */
    PROTECTING_POWER,
    /**
     * The protecting power of the other direction passes the sending state's messages straight to
     * the receiving ministry (the Swiss channel, "available to both sides and in both directions").
     */
    MESSAGE_CHANNEL,
    /** A state offering its good offices passes messages on, informally: used only when the sender allows it. */
    GOOD_OFFICES
}
