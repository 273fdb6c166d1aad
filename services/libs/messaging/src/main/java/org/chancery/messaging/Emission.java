package org.chancery.messaging;

import java.time.Instant;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;

/**
 * A record to emit: a hop on a step's topic, signed when it is stored, or an entry (or tombstone,
 * with a null payload) on a compacted registry topic. A handler names a hop's step and leaves its
 * lane to the pipeline, which sends it on in the lane of the hop that caused it.
 *
 * @param step  the hop's step, or null for a registry entry
 * @param topic the topic; null for a hop until its lane is known
 */
public record Emission(HopTopic step, String topic, String key, UUID eventId, String ceType, Instant time,
        HopEvent hop, String payload) {

    /** A hop, keyed by its notice, in the lane of the hop it answers. */
    public static Emission of(HopTopic step, HopEvent hop) {
        return new Emission(step, null, hop.noticeId().toString(), hop.eventId(), hop.type().ceType(), hop.at(), hop,
                null);
    }

    /** A hop, keyed by its notice, in the given lane. */
    public static Emission of(HopTopic step, HopEvent hop, Lane lane) {
        return of(step, hop).inLane(lane);
    }

    /** A registry entry, or a tombstone when the payload is null. */
    public static Emission entry(String topic, String key, UUID eventId, String ceType, Instant time, String payload) {
        return new Emission(null, topic, key, eventId, ceType, time, null, payload);
    }

    /** This emission in the lane given, unless its topic is known already. */
    public Emission inLane(Lane lane) {
        return topic != null ? this : new Emission(step, step.in(lane), key, eventId, ceType, time, hop, payload);
    }
}
