package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mission;
import org.chancery.ministry.domain.ChannelRegistry;
import org.chancery.ministry.domain.Relations;
import org.chancery.ministry.domain.States;
import org.chancery.ministry.service.Planning;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** How two states stand, as the sources say, and what each keeps for the other. */
@Path("/relations")
@RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class RelationResource {

    @Inject
    Planning planning;

    @Inject
    States states;

    /**
     * The relation of two states, its dated history and its sources; each state's mission for the
     * other (resident, accredited from abroad, suspended, a third capital, none) and the third states'
     * mandates between them. An unknown relation is an answer: UNKNOWN, with what would settle it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RelationView(Relations.Relation relation, Mission missionOfFirst, Mission missionOfSecond,
            List<Mandate> mandates) {
    }

    @GET
    @Path("/{a}/{b}")
    @Operation(summary = "How two states stand",
            description = "DIPLOMATIC, DOWNGRADED, INFORMAL, SUSPENDED, SEVERED, NONE, NOT_RECOGNISED or UNKNOWN, with "
                    + "the history of the pair and the source and grade of each fact; each state's mission for the other, "
                    + "and the mandates of third states between them.")
    public RelationView between(@PathParam("a") String a, @PathParam("b") String b) {
        String first = StateResource.require(states, a).code();
        String second = StateResource.require(states, b).code();
        if (first.equals(second)) {
            throw new ProblemException(422, "One state", first + " has no relations with itself");
        }
        if (!planning.ready()) {
            throw new ProblemException(503, "Not ready", "the ministry is still reading what the channels offer");
        }
        ChannelRegistry channels = planning.channels();
        List<Mandate> mandates = Stream.concat(channels.mandates(first, second).stream(),
                channels.mandates(second, first).stream()).toList();
        return new RelationView(planning.relation(first, second), channels.mission(first, second).orElse(null),
                channels.mission(second, first).orElse(null), mandates.isEmpty() ? null : mandates);
    }
}
