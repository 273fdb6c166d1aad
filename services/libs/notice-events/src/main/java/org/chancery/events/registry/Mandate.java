package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A third state's mandate for two others: as {@code kind} says, {@code protectingPower} protects
 * {@code sending}'s interests in {@code receiving} and relays its notices there, or passes them
 * straight on, or offers its good offices as a mediator. {@code carriesNotes} is false when the
 * sources give the mandate a consular scope only: it carries no diplomatic note. Published by the
 * protecting-power service on {@code chancery.registry.mandates}, keyed by {@link #key()}; records
 * without {@code kind} or {@code carriesNotes} are protecting-power mandates that carry notes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mandate(String sending, String receiving, String protectingPower, MandateStatus status,
        String statusAsRecorded, String since, String scope, String confidence, String source, MandateKind kind,
        Boolean carriesNotes) {

    @JsonIgnore
    public MandateKind type() {
        return kind == null ? MandateKind.PROTECTING_POWER : kind;
    }

    /** Whether a diplomatic note may go by this mandate: not by one whose scope is consular only. */
    @JsonIgnore
    public boolean carries() {
        return !Boolean.FALSE.equals(carriesNotes);
    }

    @JsonIgnore
    public String key() {
        return sending + ">" + receiving + "@" + protectingPower;
    }

    /** The sending and the receiving state a key ({@link #key()}) names. */
    public static java.util.List<String> pairOf(String key) {
        int to = key == null ? -1 : key.indexOf('>');
        int at = key == null ? -1 : key.indexOf('@', to + 1);
        if (to <= 0 || at <= to + 1) {
            throw new IllegalArgumentException("'" + key + "' is not a mandate's key (sending>receiving@power)");
        }
        return java.util.List.of(key.substring(0, to), key.substring(to + 1, at));
    }

    @JsonIgnore
    public boolean inForce() {
        return status == MandateStatus.IN_FORCE;
    }
}
