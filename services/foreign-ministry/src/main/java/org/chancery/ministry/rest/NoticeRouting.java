package org.chancery.ministry.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.events.Notice;
import org.chancery.events.Route;
import org.chancery.ministry.domain.Plan;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.service.Planning;
import org.chancery.problem.ProblemException;

/**
 * Routes planned for the REST API, and what it answers when there are none: 503 until the channels'
 * registries have been read, 422 when no official channel can carry the notice.
 */
final class NoticeRouting {

    private NoticeRouting() {
    }

    /** Plans a route, once the channels' registries have been read. */
    static Plan plan(Planning planning, RouteQuery query) {
        if (!planning.ready()) {
            throw new ProblemException(503, "Not ready", "the ministry is still reading what the channels offer");
        }
        return planning.plan(query);
    }

    /** The routes of a notice to one state. */
    static List<Route> routes(Planning planning, Notice notice, RouteQuery query) {
        Plan plan = plan(planning, query);
        if (!plan.deliverable()) {
            throw new ProblemException(422, "No official channel", "no official channel can carry a " + notice.kind()
                    + " from " + notice.from() + " to " + notice.to() + ": " + String.join("; ", plan.unavailable()));
        }
        return plan.routes();
    }

    /** The routes of each copy of a circular note; if any copy cannot be carried, a refusal that names every such recipient. */
    static Map<String, List<Route>> routes(Planning planning, NoticeRequest request, Notice notice,
            List<String> recipients, Regimes regimes) {
        Map<String, List<Route>> plans = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (String recipient : recipients) {
            Plan plan = plan(planning, request.query(notice.addressedTo(recipient), regimes));
            if (plan.deliverable()) {
                plans.put(recipient, plan.routes());
            } else {
                unreachable.add(recipient + " (" + String.join("; ", plan.unavailable()) + ")");
            }
        }
        if (!unreachable.isEmpty()) {
            throw new ProblemException(422, "No official channel", "no official channel can carry a " + notice.kind()
                    + " from " + notice.from() + " to " + String.join(", ", unreachable) + "; nothing was sent");
        }
        return plans;
    }
}
