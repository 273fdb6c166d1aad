package org.chancery.messaging;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;

/**
 * The topics a service consumes, from the topic catalogue: a service names the steps it consumes
 * ({@code chancery.pipeline.steps=delivery}, or {@code all}), and each lane's consumer reads those
 * steps' topics in its lane. So the catalogue stays the one place that names a topic, for what is
 * sent and what is read.
 */
final class PipelineTopics {

    static final String STEPS = "chancery.pipeline.steps";

    private PipelineTopics() {
    }

    /** The steps named, e.g. {@code delivery} or {@code dispatch-embassy}, or {@code all}. */
    static List<HopTopic> steps(String names) {
        if (names.trim().equalsIgnoreCase("all")) {
            return List.of(HopTopic.values());
        }
        List<HopTopic> steps = Stream.of(names.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .map(n -> HopTopic.valueOf(n.toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(STEPS + " names no step");
        }
        return steps;
    }

    /** Every topic of the steps named, in every lane. */
    static List<String> consumed(String names) {
        List<HopTopic> steps = steps(names);
        return Stream.of(Lane.values()).flatMap(lane -> topics(steps, lane).stream()).toList();
    }

    /** The topics of those steps in a lane. */
    static List<String> topics(List<HopTopic> steps, Lane lane) {
        return steps.stream().map(step -> step.in(lane)).toList();
    }
}
