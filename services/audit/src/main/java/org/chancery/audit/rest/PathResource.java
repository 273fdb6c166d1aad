package org.chancery.audit.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.chancery.audit.service.PathFinder;
import org.chancery.audit.service.PathView;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A notice's path as the hops that moved tell it. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class PathResource {

    @Inject
    PathFinder paths;

    @GET
    @Path("/{id}/path")
    @Operation(summary = "A notice's full path",
            description = "Every hop in order, with the time since the hop before; whether the path is complete "
                    + "(delivered and the receipt back) and verified (hash chain intact, nothing missing or doubled).")
    public PathView path(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "No such notice", id + " is not a notice id");
        }
        return paths.path(uuid).orElseThrow(() ->
                new ProblemException(404, "No such notice", "no hop of notice " + id + " has been seen"));
    }
}
