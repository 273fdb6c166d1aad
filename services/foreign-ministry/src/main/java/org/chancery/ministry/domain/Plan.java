package org.chancery.ministry.domain;

import java.util.List;
import org.chancery.events.Route;

/**
 * The routes a notice can take, in the order they will be tried, and why each other channel is
 * not among them.
 */
public record Plan(List<Route> routes, List<String> unavailable) {

    public boolean deliverable() {
        return !routes.isEmpty();
    }
}
