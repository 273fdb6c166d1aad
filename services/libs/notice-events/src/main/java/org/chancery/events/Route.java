package org.chancery.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One way a notice can travel: the channel and the parties it passes between the two ministries
 * (see {@link Party}), with the reason it was chosen; {@code informal} when it is no official
 * channel between the two states (a mediator's good offices).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(Channel channel, List<String> via, String reason, Boolean informal) {

    @JsonCreator
    public Route {
    }

    /** An official channel. */
    public Route(Channel channel, List<String> via, String reason) {
        this(channel, via, reason, null);
    }

    /** A route by no official channel: a mediator's good offices. */
    public static Route informal(Channel channel, List<String> via, String reason) {
        return new Route(channel, via, reason, true);
    }
}
