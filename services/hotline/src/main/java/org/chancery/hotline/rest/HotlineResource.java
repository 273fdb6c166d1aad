package org.chancery.hotline.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.chancery.events.registry.Hotline;
import org.chancery.hotline.domain.Lines;
import org.chancery.hotline.service.Operator;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The lines, and the operator's declarations of their status. */
@Path("/hotlines")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HotlineResource {

    @Inject
    Lines lines;

    @Inject
    Operator operator;

    @GET
    @Operation(summary = "Every line, in its current status, with the source of what is known about it")
    public List<Hotline> list() {
        return lines.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One line")
    public Hotline get(@Parameter(description = "The line's id", example = "US-RU-DCL") @PathParam("id") String id) {
        return lines.find(id).orElseThrow(() -> noSuchLine(id));
    }

    @PUT
    @Path("/{id}/status")
    @RolesAllowed("hotline-operator")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a line up, down or not answering",
            description = "The new status is published on chancery.registry.hotlines at once, so ministries stop "
                    + "(or resume) routing notices over the line. A call ringing on the line is delivered when it "
                    + "comes up.")
    public Hotline declare(
            @Parameter(description = "The line's id", example = "US-RU-EUCOM-NDMC") @PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "down", value = "{\"status\":\"DOWN\",\"note\":\"cable cut near Helsinki\"}"),
                    @ExampleObject(name = "back up", value = "{\"status\":\"UP\",\"note\":\"repaired\"}")}))
            @Valid @NotNull StatusDeclaration declaration) {
        if (lines.find(id).isEmpty()) {
            throw noSuchLine(id);
        }
        return operator.declare(id, declaration.status(), declaration.note());
    }

    private static ProblemException noSuchLine(String id) {
        return new ProblemException(404, "No such line", "there is no hotline " + id);
    }
}
