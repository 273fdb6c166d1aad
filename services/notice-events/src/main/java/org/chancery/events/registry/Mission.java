package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether {@code sending} has a resident mission in {@code host} that can hand a note to the
 * host's foreign ministry. Published by the embassy service on {@code chancery.registry.missions},
 * keyed by {@link #key()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mission(String sending, String host, boolean resident, String since, String note,
        String confidence, String source) {

    @JsonIgnore
    public String key() {
        return key(sending, host);
    }

    public static String key(String sending, String host) {
        return sending + "@" + host;
    }
}
