package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A dedicated link between two states, or a network linking any two of its parties (the OSCE
 * Communications Network), its level and its state now. Published by the hotline service on
 * {@code chancery.registry.hotlines}, keyed by {@code id}, again whenever its status changes.
 *
 * @param statusNote    why it is in that status
 * @param statusAsOf    the date of the newest source the status rests on
 * @param statusChanged when an operator last changed the status; null if as recorded
 * @param theatres      the states where the activity it deconflicts takes place (Syria, Ukraine); null for a
 *                      line of general use
 * @param theatreDerivation how the theatres were read from the sources
 * @param scheduled     true where a call is arranged ahead rather than put through at once (a leaders' line)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hotline(String id, String name, List<String> parties, HotlineLevel level, String levelAsRecorded,
        LinkStatus status, String statusNote, String statusAsOf, Instant statusChanged, String established,
        String note, String confidence, List<String> sources, List<String> theatres, String theatreDerivation,
        Boolean scheduled) {

    @JsonIgnore
    public String key() {
        return id;
    }

    /** Whether it links these two states, in either direction. */
    public boolean links(String a, String b) {
        return parties.contains(a) && parties.contains(b) && !a.equals(b);
    }

    /** Whether it is a network of more than two parties, any two of which it links. */
    @JsonIgnore
    public boolean network() {
        return parties.size() > 2;
    }

    /** The party at the other end from {@code state}, on a line of two. */
    public String otherEnd(String state) {
        return parties.get(0).equals(state) ? parties.get(1) : parties.get(0);
    }

    /** Whether calls on it are arranged ahead, so that it cannot take a notice at once. */
    @JsonIgnore
    public boolean arrangedAhead() {
        return Boolean.TRUE.equals(scheduled);
    }

    /** The line as an operator declared it at {@code when}: the declaration is then its newest source. */
    public Hotline withStatus(LinkStatus newStatus, String why, Instant when) {
        String asOf = when == null ? null : when.toString().substring(0, 10);
        return new Hotline(id, name, parties, level, levelAsRecorded, newStatus, why, asOf, when, established,
                note, confidence, sources, theatres, theatreDerivation, scheduled);
    }

    /** Whether it was built for activity in {@code state}. */
    public boolean servesTheatre(String state) {
        return theatres != null && theatres.contains(state);
    }
}
