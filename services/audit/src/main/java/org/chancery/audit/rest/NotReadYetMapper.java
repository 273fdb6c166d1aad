package org.chancery.audit.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.chancery.audit.service.MandateHistory;
import org.chancery.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A path cannot be judged before the audit has read the registry of mandates: 503, to be asked again. */
public class NotReadYetMapper {

    @ServerExceptionMapper
    public Response notReadYet(MandateHistory.NotReadYet e, UriInfo uri) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                .entity(Problem.of(503, "Not ready", e.getMessage()).at(uri.getPath())).build();
    }
}
