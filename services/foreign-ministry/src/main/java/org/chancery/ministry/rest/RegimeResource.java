package org.chancery.ministry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
     * are its parties and that the event is far enough ahead; else a 422 that says what to change.
     */
    static Regime require(Regimes regimes, String id, String from, String to, Instant eventAt, Instant now) {
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
                throw new ProblemException(422, "Not a party", state + " is not a party to " + id + " (parties: "
                        + String.join(", ", regime.parties()) + ")");
            }
        }
        Duration lead = regime.leadTime();
        if (lead != null) {
            Instant earliest = now.plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            if (eventAt == null || eventAt.isBefore(earliest)) {
                throw new ProblemException(422, eventAt == null ? "Event time needed" : "Too little notice",
                        id + " requires " + Regimes.human(lead) + " between the notice and the event it notifies"
                                + (eventAt == null ? "; give eventAt" : "; eventAt " + eventAt + " is too soon")
                                + ": the earliest eventAt allowed now is " + earliest);
            }
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
