package org.chancery.ministry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.chancery.events.Channel;
import org.chancery.events.Party;
import org.chancery.events.Route;

/**
 * Chooses how a notice travels. Today every notice goes the normal way of diplomacy: the
 * sending state's resident embassy delivers it to the receiving ministry (VCDR Art. 41(2)).
 */
@ApplicationScoped
public class RoutePlanner {

    public List<Route> plan(String from, String to) {
        return List.of(new Route(Channel.EMBASSY, List.of(Party.embassy(from, to)),
                "the sending state's resident embassy delivers to the receiving ministry"));
    }
}
