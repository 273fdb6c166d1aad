package org.chancery.events;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The lane a notice travels in. Every hop topic comes in one topic per lane, consumed apart, so
 * that FLASH and IMMEDIATE notices never wait behind a backlog of PRIORITY and ROUTINE ones: a
 * Kafka partition is read in order, and a FLASH record behind ten thousand ROUTINE records would
 * wait for all of them (ADR 0010). All hops of a notice travel in the lane of its precedence.
 */
public enum Lane {
    /** FLASH and IMMEDIATE notices. */
    URGENT,
    /** PRIORITY and ROUTINE notices. */
    ROUTINE;

    public static Lane of(Precedence precedence) {
        return precedence == Precedence.FLASH || precedence == Precedence.IMMEDIATE ? URGENT : ROUTINE;
    }

    /** The precedences that travel in this lane. */
    public List<Precedence> precedences() {
        return Stream.of(Precedence.values()).filter(p -> of(p) == this).toList();
    }

    /** The lane's part of a topic's name: {@code urgent} or {@code routine}. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The lane of a hop topic, by its name. */
    public static Lane ofTopic(String topic) {
        for (Lane lane : values()) {
            if (topic.endsWith("." + lane.suffix())) {
                return lane;
            }
        }
        throw new IllegalArgumentException(topic + " is not a hop topic of a lane");
    }
}
