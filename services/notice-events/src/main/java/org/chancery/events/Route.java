package org.chancery.events;

import java.util.List;

/**
 * One way a notice can travel: the channel and the parties it passes between the two ministries
 * (see {@link Party}), with the reason it was chosen.
 */
public record Route(Channel channel, List<String> via, String reason) {
}
