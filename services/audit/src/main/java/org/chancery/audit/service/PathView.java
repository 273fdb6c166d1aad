package org.chancery.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.events.Notice;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;

/**
 * A notice's path: every hop in order, whether it is complete (delivered and the receipt back at
 * the sender) and whether it is verified (its hash chain intact, nothing missing or doubled).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathView(
        UUID noticeId,
        boolean complete,
        boolean verified,
        Notice notice,
        List<Route> plan,
        List<HopView> hops,
        List<HopChain.Finding> findings) {

    /** One hop, with the time since the hop it follows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HopView(
            int hop,
            UUID eventId,
            UUID parentId,
            String type,
            String service,
            Channel channel,
            int attempt,
            String from,
            String to,
            Instant at,
            Double sinceParentMs,
            String reason,
            ReceiptOutcome receipt,
            String hash) {
    }
}
