package org.chancery.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A protecting-power mandate: {@code protectingPower} protects {@code sending}'s interests in
 * {@code receiving} and relays its notices there. Published by the protecting-power service on
 * {@code chancery.registry.mandates}, keyed by {@link #key()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mandate(String sending, String receiving, String protectingPower, MandateStatus status,
        String statusAsRecorded, String since, String scope, String confidence, String source) {

    @JsonIgnore
    public String key() {
        return sending + ">" + receiving + "@" + protectingPower;
    }

    @JsonIgnore
    public boolean inForce() {
        return status == MandateStatus.IN_FORCE;
    }
}
