package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether {@code sending} has a mission that can hand a note to {@code host}'s foreign ministry:
 * a resident one in the host, or one seated in {@code accreditedFrom} and accredited to the host as
 * well (non-resident accreditation: an embassy in Canberra also accredited to Fiji), or none, with
 * the reason in {@code note}. Published by the embassy service on {@code chancery.registry.missions},
 * keyed by {@link #key()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mission(String sending, String host, boolean resident, String accreditedFrom, String city,
        String since, String note, String confidence, String source) {

    @JsonIgnore
    public String key() {
        return key(sending, host);
    }

    public static String key(String sending, String host) {
        return sending + "@" + host;
    }

    /** Whether this mission can deliver to the host's ministry at all. */
    @JsonIgnore
    public boolean serves() {
        return resident || accreditedFrom != null;
    }

    /** The state the mission sits in: the host when resident, else where it is accredited from; null if none. */
    @JsonIgnore
    public String seat() {
        return resident ? host : accreditedFrom;
    }
}
