package org.chancery.ministry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.chancery.ministry.domain.States;
import org.chancery.ministry.domain.States.State;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The states a notice can be addressed to. */
@Path("/states")
@RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    @Inject
    States states;

    @GET
    @Operation(summary = "Every state Chancery knows",
            description = "The 193 UN member states and the 2 observer states, by ISO 3166-1 alpha-3 code.")
    public Collection<State> all() {
        return states.all();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One state")
    public State one(@PathParam("code") String code) {
        return require(states, code);
    }

    /** The state a request names, or a 422 that says which states it may have meant. */
    static State require(States states, String code) {
        return states.find(code).orElseThrow(() -> {
            List<State> close = states.closeTo(code);
            String hint = close.isEmpty() ? "; GET /states lists them"
                    : "; did you mean " + close.stream().map(s -> s.code() + " (" + s.name() + ")")
                            .collect(Collectors.joining(" or ")) + "?";
            return new ProblemException(422, "Unknown state", code + " is not a state Chancery knows" + hint);
        });
    }
}
