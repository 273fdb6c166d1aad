package org.chancery.messaging;

import java.time.Instant;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;

/**
 * A record to emit: a hop on a hop topic, or an entry (or tombstone, with a null payload) on a
 * compacted registry topic.
 */
public record Emission(String topic, String key, UUID eventId, String ceType, Instant time, String payload) {

    /** A hop, keyed by its notice. */
    public static Emission of(String topic, HopEvent hop) {
        return new Emission(topic, hop.noticeId().toString(), hop.eventId(), hop.type().ceType(), hop.at(),
                HopEvents.toJson(hop));
    }
}
