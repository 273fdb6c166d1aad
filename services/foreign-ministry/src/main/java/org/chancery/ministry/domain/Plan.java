package org.chancery.ministry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.chancery.events.Route;

/**
 * The routes a notice can take, in the order they will be tried, each with the facts it rests on;
 * why each other channel is not among them; and what the sender should know of the regime it is
 * given under.
 */
public record Plan(List<Step> steps, List<String> unavailable, List<String> cautions) {

    /** A route and the sourced facts that make it exist. */
    public record Step(Route route, List<Ground> grounds) {
    }

    /** A fact a route rests on: what it says, its grade (A official, B secondary, C tertiary), its source and date. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ground(String fact, String grade, String source, String asOf) {
    }

    public List<Route> routes() {
        return steps.stream().map(Step::route).toList();
    }

    public boolean deliverable() {
        return !steps.isEmpty();
    }
}
