package org.chancery.audit.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.chancery.audit.service.PathFinder;
import org.chancery.audit.service.PathView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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
            throw new NotFoundException(id + " is not a notice id");
        }
        return paths.path(uuid).orElseThrow(() -> new NotFoundException("no hop of notice " + id + " has been seen"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(404).type("application/problem+json")
                .entity(Map.of("title", "No such notice", "status", 404, "detail", e.getMessage())).build();
    }
}
