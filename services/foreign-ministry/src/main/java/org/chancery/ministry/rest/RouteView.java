package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.ministry.domain.Plan;
import org.chancery.ministry.domain.Relations;

/**
 * The routes a notice would take, in order, each with the sourced facts it rests on; why other
 * channels are not among them; how the two states stand; and what the sender should know of the
 * regime the notice is given under.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteView(String from, String to, NoticeKind kind, Precedence precedence, boolean deliverable,
        List<Route> routes, List<List<Plan.Ground>> grounds, List<String> unavailable, List<String> cautions,
        Relations.Relation relation) {

    static RouteView of(String from, String to, NoticeKind kind, Precedence precedence, Plan plan,
            Relations.Relation relation) {
        return new RouteView(from, to, kind, precedence, plan.deliverable(), plan.routes(),
                plan.steps().stream().map(Plan.Step::grounds).toList(), plan.unavailable(),
                plan.cautions().isEmpty() ? null : plan.cautions(), relation);
    }
}
