package org.chancery.messaging;

import java.time.Instant;
import java.util.UUID;
import org.chancery.events.HopEvent;

/**
 * A record to emit: a hop on a hop topic, signed when it is stored, or an entry (or tombstone,
 * with a null payload) on a compacted registry topic.
 */
public record Emission(String topic, String key, UUID eventId, String ceType, Instant time, HopEvent hop,
        String payload) {

    /** A hop, keyed by its notice. */
    public static Emission of(String topic, HopEvent hop) {
        return new Emission(topic, hop.noticeId().toString(), hop.eventId(), hop.type().ceType(), hop.at(), hop, null);
    }

    /** A registry entry, or a tombstone when the payload is null. */
    public static Emission entry(String topic, String key, UUID eventId, String ceType, Instant time, String payload) {
        return new Emission(topic, key, eventId, ceType, time, null, payload);
    }
}
