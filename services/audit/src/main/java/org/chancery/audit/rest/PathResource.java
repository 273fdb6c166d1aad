package org.chancery.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.chancery.audit.service.PathFinder;
import org.chancery.audit.service.PathView;
import org.chancery.events.HopChain;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A notice's path as the hops that moved tell it, and the verdict on it. */
@Path("/notices/{id}")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class PathResource {

    /** The verdict on a path: verified, or what is wrong with it, by name and hop position. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verdict(UUID noticeId, boolean verified, int hops, List<HopChain.Finding> findings,
            List<PathView.RejectedHop> rejected) {
    }

    @Inject
    PathFinder paths;

    @GET
    @Path("/path")
    @Operation(summary = "A notice's full path",
            description = "Every hop in order, with the states it went between and the time since the hop before; "
                    + "each attempt and how it ended; the route planned and the route taken; whether the path is "
                    + "complete (delivered and the receipt back) and verified (hash chain intact, nothing missing, "
                    + "doubled, reordered or altered).")
    public PathView path(@PathParam("id") String id) {
        UUID uuid = noticeId(id);
        return paths.path(uuid).orElseThrow(() -> unseen(uuid));
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify a notice's path",
            description = "Recomputes the hash chain from the stored hops. Each finding names what is wrong "
                    + "(ALTERED, BODY_ALTERED, NOTICE_CHANGED, CONFLICTING_COPY, GAP, BROKEN_LINK, OUT_OF_ORDER, DUPLICATE, EXTRA_ROOT, "
                    + "UNREADABLE, OUT_OF_TURN, WRONG_PARTY, WRONG_CHANNEL, RECEIPT_CHANGED, NOT_GENUINE, NOT_UNDER_MANDATE) "
                    + "and the hop it is at; hops in the notice's name that are not signed by the service they name, or "
                    + "carry a body that is not the one their digest names, "
                    + "are listed apart as rejected, never part of the path. Nothing is repaired.")
    public Verdict verify(@PathParam("id") String id) {
        UUID uuid = noticeId(id);
        HopChain.Verdict verdict = paths.verify(uuid).orElseThrow(() -> unseen(uuid));
        List<PathView.RejectedHop> rejected = paths.rejected(uuid);
        return new Verdict(uuid, verdict.verified(), verdict.hops().size(), verdict.findings(),
                rejected.isEmpty() ? null : rejected);
    }

    private static UUID noticeId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "No such notice", id + " is not a notice id");
        }
    }

    private ProblemException unseen(UUID id) {
        int rejected = paths.rejected(id).size();
        return new ProblemException(404, "No such notice", "no genuine hop of notice " + id + " has been seen"
                + (rejected == 0 ? "" : "; " + rejected + " in its name were rejected as not genuine"));
    }
}
