package org.chancery.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.chancery.audit.entity.NoticePath;
import org.chancery.audit.rest.NoticeQueryResource.NoticeSummary;
import org.chancery.events.NoticeStatus;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A circular note's fan-out: each recipient's copy, as the audit has seen it, and the verdict on each path. */
@Path("/circulars/{id}")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class CircularResource {

    /** The copies seen, how many stand where, and whether every copy's path is verified. */
    public record FanOut(UUID circularId, String from, int copies, Map<NoticeStatus, Integer> byStatus,
            boolean allVerified, List<NoticeSummary> items) {
    }

    @Inject
    NoticeQueryResource notices;

    @GET
    @Operation(summary = "A circular note's fan-out",
            description = "Every copy of the circular the audit has seen, by recipient, with its status, channel and "
                    + "the verdict on its path; how many copies stand at each status; whether every path is verified.")
    public FanOut fanOut(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "No such circular", id + " is not a circular note's id");
        }
        List<NoticeSummary> items = NoticePath.<NoticePath>list("circularId = ?1 order by toState", uuid).stream()
                .map(notices::summary).toList();
        if (items.isEmpty()) {
            throw new ProblemException(404, "No such circular", "no copy of a circular note " + id + " has been seen");
        }
        Map<NoticeStatus, Integer> byStatus = new TreeMap<>();
        items.forEach(n -> byStatus.merge(n.status(), 1, Integer::sum));
        return new FanOut(uuid, items.get(0).from(), items.size(), byStatus,
                items.stream().allMatch(NoticeSummary::verified), items);
    }
}
