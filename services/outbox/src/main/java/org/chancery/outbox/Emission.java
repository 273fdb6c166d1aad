package org.chancery.outbox;

import org.chancery.events.HopEvent;

/** A hop to emit, and the topic it goes on. */
public record Emission(String topic, HopEvent hop) {
}
