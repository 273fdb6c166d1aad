package org.chancery.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chancery.audit.domain.PathStatus;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.events.Notice;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;

/**
 * A notice's path: every hop in order, each attempt and how it ended, the route planned beside the
 * route taken, whether the path is complete (delivered and the receipt back at the sender) and
 * whether it is verified (its hash chain intact, nothing missing, doubled, reordered or altered).
 *
 * @param parties a readable name for every party in the path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathView(
        UUID noticeId,
        PathStatus status,
        boolean complete,
        boolean verified,
        Notice notice,
        List<Route> plan,
        List<Channel> taken,
        List<AttemptView> attempts,
        List<HopView> hops,
        List<HopChain.Finding> findings,
        Map<String, String> parties) {

    /** One hop, where it went between states, and the time since the hop it follows. */
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
            String fromState,
            String toState,
            Instant at,
            Double sinceParentMs,
            String reason,
            ReceiptOutcome receipt,
            String hash) {
    }

    /** One route tried: how it began and how it ended. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, Channel channel, String via, Instant dispatchedAt, String outcome,
            String reason) {
    }
}
