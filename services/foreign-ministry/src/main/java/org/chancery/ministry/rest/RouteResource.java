package org.chancery.ministry.rest;

import jakarta.inject.Inject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.ministry.domain.Plan;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.Regimes.Regime;
import org.chancery.ministry.domain.States;
import org.chancery.ministry.service.Planning;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** How a notice would travel, without sending anything. */
@Path("/routes")
@RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    @Inject
    Planning planning;

    @Inject
    States states;

    @Inject
    Regimes regimes;

    @GET
    @Operation(summary = "Preview the route a notice would take",
            description = "The routes in the order they would be tried (the first, then the fallbacks), and why "
                    + "each other channel is not among them. Nothing is sent.")
    public RouteView preview(
            @Parameter(description = "Sending state", example = "USA") @QueryParam("from") String from,
            @Parameter(description = "Receiving state", example = "IRN") @QueryParam("to") String to,
            @Parameter(description = "Kind of notice; NOTE_VERBALE if absent") @QueryParam("kind") String kind,
            @Parameter(description = "Precedence; ROUTINE if absent") @QueryParam("precedence") String precedence,
            @Parameter(description = "A notification regime, e.g. BMLNA-1988: its channel first") @QueryParam("regime")
            String regime,
            @Parameter(description = "true: a mediator's good offices among the routes (informal)")
            @QueryParam("allowMediator") boolean allowMediator,
            @Parameter(description = "Where the notified activity takes place, e.g. SYR: the line built for it first")
            @QueryParam("theatre") String theatre) {
        for (String state : new String[] {from, to}) {
            if (state == null || state.isBlank()) {
                throw new ProblemException(400, "Invalid request", "both from and to are needed, e.g. ?from=USA&to=IRN");
            }
            StateResource.require(states, state);
        }
        if (from.equals(to)) {
            throw new ProblemException(422, "Notice to itself", from + " cannot give notice to itself");
        }
        NoticeKind k = parse(NoticeKind.class, "kind", kind, NoticeKind.NOTE_VERBALE);
        Precedence p = parse(Precedence.class, "precedence", precedence, Precedence.ROUTINE);
        Regime r = regime == null || regime.isBlank() ? null : RegimeResource.known(regimes, regime);
        String where = theatre == null || theatre.isBlank() ? null : StateResource.require(states, theatre).code();
        Plan plan = NoticeRouting.plan(planning, RouteQuery.of(from, to, k, p).under(r).in(where)
                .allowingMediator(allowMediator));
        return RouteView.of(from, to, k, p, plan, planning.relation(from, to));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid request", name + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
