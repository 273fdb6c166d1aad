package org.chancery.ministry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.Regimes.Regime;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The notification regimes a notice can be given under, and what each asks of it. */
@Path("/regimes")
@RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class RegimeResource {

    @Inject
    Regimes regimes;

    @GET
    @Operation(summary = "Every notification regime Chancery knows",
            description = "Its parties, subject, mandated channel, least lead time, acknowledgement window, whether "
                    + "it is in force, and its sources.")
    public Collection<Regime> all() {
        return regimes.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One notification regime")
    public Regime one(@PathParam("id") String id) {
        return known(regimes, id);
    }

    /**
     * The regime a notice names, once it is checked that the regime is in force, that both states
     * are its parties (not withdrawn from it) and, where it asks a lead time, that the event's time is
     * given; else a 422 that says what to change. A notice given with less time than the regime asks
     * is not refused: it is sent and marked late ({@link Regimes#lateness}).
     */
    static Regime require(Regimes regimes, String id, String from, String to, Instant eventAt) {
        Regime regime = known(regimes, id);
        if (!regime.inForce()) {
            throw new ProblemException(422, "Regime not in force", id + " is not in force"
                    + (regime.derivation() == null ? "" : ": " + regime.derivation()));
        }
        if (regime.parties() == null) {
            throw new ProblemException(422, "Parties not known", "the parties to " + id + " (" + regime.partiesAsRecorded()
                    + ") are not listed in Chancery's sources, so no notice under it can be checked");
        }
        for (String state : new String[] {from, to}) {
            if (!regime.parties().contains(state)) {
                throw new ProblemException(422, "Not a party", regime.withdrawalOf(state)
                        .map(w -> state + " withdrew from " + id + " on " + w.on() + " (" + w.grade() + ": " + w.source() + ")")
                        .orElse(state + " is not a party to " + id) + " (parties: " + String.join(", ", regime.parties()) + ")");
            }
        }
        if (regime.leadTime() != null && eventAt == null) {
            throw new ProblemException(422, "Event time needed", id + " asks " + Regimes.human(regime.leadTime())
                    + " between the notice and the event it notifies; give eventAt, so that the notice can be "
                    + "marked late if it gives less");
        }
        if (regime.leadTime() != null && !eventAt.isAfter(Instant.now())) {
            throw new ProblemException(422, "Event passed", "eventAt " + eventAt + " is not in the future: a "
                    + "notification under " + id + " is given before the event it notifies");
        }
        return regime;
    }

    /** The regime of that id, or a 422 that lists the known ones. */
    static Regime known(Regimes regimes, String id) {
        return regimes.find(id).orElseThrow(() -> new ProblemException(422, "Unknown regime", id
                + " is not a regime Chancery knows; known: "
                + regimes.all().stream().map(Regime::id).collect(Collectors.joining(", "))));
    }
}
