package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A dedicated link between two states, its level and its state now. Published by the hotline
 * service on {@code chancery.registry.hotlines}, keyed by {@code id}, again whenever its status
 * changes.
 *
 * @param statusNote    why it is in that status
 * @param statusChanged when an operator last changed the status; null if as recorded
 * @param theatres      the states where the activity it deconflicts takes place (Syria, Ukraine); null for a
 *                      line of general use
 * @param theatreDerivation how the theatres were read from the sources
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hotline(String id, String name, List<String> parties, HotlineLevel level, String levelAsRecorded,
        LinkStatus status, String statusNote, Instant statusChanged, String established, String note,
        String confidence, List<String> sources, List<String> theatres, String theatreDerivation) {

    @JsonIgnore
    public String key() {
        return id;
    }

    /** Whether it links these two states, in either direction. */
    public boolean links(String a, String b) {
        return parties.size() == 2 && parties.contains(a) && parties.contains(b) && !a.equals(b);
    }

    /** The party at the other end from {@code state}. */
    public String otherEnd(String state) {
        return parties.get(0).equals(state) ? parties.get(1) : parties.get(0);
    }

    public Hotline withStatus(LinkStatus newStatus, String why, Instant when) {
        return new Hotline(id, name, parties, level, levelAsRecorded, newStatus, why, when, established, note,
                confidence, sources, theatres, theatreDerivation);
    }

    /** Whether it was built for activity in {@code state}. */
    public boolean servesTheatre(String state) {
        return theatres != null && theatres.contains(state);
    }
}
