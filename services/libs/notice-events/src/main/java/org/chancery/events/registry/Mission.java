package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How {@code sending} can hand a note to {@code host}'s foreign ministry, as far as its sources say:
 * by a resident embassy in the host; by one seated in {@code accreditedFrom} and accredited to the
 * host as well (non-resident accreditation: an embassy in Canberra also accredited to Fiji; or an
 * affairs unit abroad while the embassy is suspended: the US Yemen Affairs Unit in Riyadh); by the
 * two states' embassies in a {@code thirdCapital}, where the sources say notes pass there (Japan and
 * North Korea in Beijing); or not at all, with the reason in {@code note}. Published by the embassy
 * service on {@code chancery.registry.missions}, keyed by {@link #key()}.
 *
 * @param status     the state of the embassy in the host (open, suspended, closed, none); absent: open
 *                   if resident, none otherwise
 * @param since      when it took that status, as far as known
 * @param asOf       the date of the newest source the record rests on
 * @param derivation how the record was read from its sources, where they say something else literally
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mission(String sending, String host, boolean resident, String accreditedFrom, String thirdCapital,
        MissionStatus status, String city, String since, String asOf, String note, String derivation,
        String confidence, String source) {

    /**
     * Each service that holds the registry holds all 16,761 records, whose codes, cities, dates,
     * notes and sources repeat: one copy of each text is kept, however many records read it.
     */
    public Mission {
        sending = shared(sending);
        host = shared(host);
        accreditedFrom = shared(accreditedFrom);
        thirdCapital = shared(thirdCapital);
        city = shared(city);
        since = shared(since);
        asOf = shared(asOf);
        note = shared(note);
        derivation = shared(derivation);
        confidence = shared(confidence);
        source = shared(source);
    }

    private static String shared(String text) {
        return text == null ? null : text.intern();
    }

    @JsonIgnore
    public String key() {
        return key(sending, host);
    }

    public static String key(String sending, String host) {
        return sending + "@" + host;
    }

    /** Whether this mission can deliver to the host's ministry: resident, or accredited from a seat abroad. */
    @JsonIgnore
    public boolean serves() {
        return resident || accreditedFrom != null;
    }

    /** The state the mission sits in: the host when resident, else where it is accredited from; null if none. */
    @JsonIgnore
    public String seat() {
        return resident ? host : accreditedFrom;
    }

    /** The embassy's state in the host, read as open when resident and none otherwise if the record does not say. */
    @JsonIgnore
    public MissionStatus standing() {
        return status != null ? status : resident ? MissionStatus.OPEN : MissionStatus.NONE;
    }
}
