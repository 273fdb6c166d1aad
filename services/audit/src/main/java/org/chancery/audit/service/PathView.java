package org.chancery.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.events.Notice;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.events.signing.Authenticity;

/**
 * A notice's path: every hop in order, each attempt and how it ended, the route planned beside the
 * route taken, whether the path is complete (delivered and the receipt back at the sender) and
 * whether it is verified (its hash chain intact, nothing missing, doubled, reordered or altered).
 *
 * @param notice    the notice as its first hop carried it, less its body: the audit keeps none
 * @param bodyBytes the size of the body as it travelled (sealed), in bytes
 * @param parties  a readable name for every party in the path
 * @param rejected hops in the notice's name that are not genuine, kept apart from the path; absent when none
 * @param breaches  what its regime asked that the notice did not keep: given late, its receipt late; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathView(
        UUID noticeId,
        NoticeStatus status,
        boolean complete,
        boolean verified,
        Notice notice,
        Integer bodyBytes,
        List<Route> plan,
        List<Channel> taken,
        List<AttemptView> attempts,
        List<HopView> hops,
        List<HopChain.Finding> findings,
        Map<String, String> parties,
        List<RejectedHop> rejected,
        List<String> breaches) {

    /** A hop that claimed to belong to the notice but is not what the service it names wrote. */
    public record RejectedHop(UUID eventId, String type, String service, Instant at, Authenticity authenticity,
            String topic) {
    }

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
