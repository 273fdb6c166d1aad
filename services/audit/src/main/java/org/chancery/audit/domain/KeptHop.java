package org.chancery.audit.domain;

import java.time.Instant;
import org.chancery.events.HopEvent;
import org.chancery.messaging.ConsumedHop;

/**
 * A hop as the audit keeps it: the evidence the verdict is computed from (the hop less its body),
 * the size of the body it carried, and where it was read.
 */
public record KeptHop(ConsumedHop consumed, String evidence, Integer bodyBytes, Instant receivedAt) {
    public HopEvent hop() {
        return consumed.hop();
    }
}
