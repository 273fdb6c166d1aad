package org.chancery.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One hop of a notice's path: the envelope every service emits, on every hop topic.
 *
 * <p>Each hop names its parent (the hop it follows) and carries the parent's hash as
 * {@code prevHash}; its own {@code hash} covers every other field (see {@link HopHash}). The hops
 * of one notice thus form a hash chain, or a tree when a notice is sent again while an earlier
 * attempt is still under way.
 *
 * @param schemaVersion version of this envelope's schema, see {@link #SCHEMA_VERSION}
 * @param eventId       unique id of this hop; consumers de-duplicate on it
 * @param type          what the hop did
 * @param noticeId      the notice the hop belongs to; also the record key
 * @param hop           position in the path: 1 for the first hop, the parent's plus one after
 * @param parentId      event id of the hop this one follows; absent on the first hop
 * @param service       the Chancery service that emitted the hop
 * @param channel       the channel of the attempt the hop belongs to
 * @param attempt       1 for the first route tried, 2 for the next, and so on
 * @param from          the party the hop left ({@link Party})
 * @param to            the party the hop reached
 * @param at            when the hop happened, UTC, microsecond precision
 * @param notice        the notice itself, on hops that carry it
 * @param plan          the routes planned, in order of preference, on dispatch hops
 * @param reason        why, on hops that refuse or fail
 * @param prevHash      the parent's hash; absent on the first hop
 * @param hash          SHA-256 over the canonical form of this hop
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HopEvent(
        int schemaVersion,
        UUID eventId,
        HopType type,
        UUID noticeId,
        int hop,
        UUID parentId,
        String service,
        Channel channel,
        int attempt,
        String from,
        String to,
        Instant at,
        Notice notice,
        List<Route> plan,
        String reason,
        String prevHash,
        String hash) {

    /** The envelope version this library writes. */
    public static final int SCHEMA_VERSION = 1;

    /** The first hop of a notice: its dispatch on the first route of the plan. */
    public static HopEvent first(UUID noticeId, String service, String from, String to, Notice notice,
            List<Route> plan) {
        return new HopEvent(SCHEMA_VERSION, UUID.randomUUID(), HopType.NOTICE_DISPATCHED, noticeId, 1, null,
                service, plan.get(0).channel(), 1, from, to, now(), notice, plan, null, null, null)
                .sealed();
    }

    /**
     * The hop that follows this one, on the same notice, channel and attempt. It carries neither
     * notice nor plan nor reason; add them with the {@code with} methods, then {@link #sealed()}.
     */
    public HopEvent next(HopType nextType, String byService, String nextFrom, String nextTo) {
        return new HopEvent(SCHEMA_VERSION, UUID.randomUUID(), nextType, noticeId, hop + 1, eventId,
                byService, channel, attempt, nextFrom, nextTo, now(), null, null, null, hash, null);
    }

    public HopEvent withNotice(Notice value) {
        return new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel, attempt,
                from, to, at, value, plan, reason, prevHash, null);
    }

    public HopEvent withReason(String value) {
        return new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel, attempt,
                from, to, at, notice, plan, value, prevHash, null);
    }

    /** This hop with its hash computed over everything else it holds. */
    public HopEvent sealed() {
        HopEvent unsealed = new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service,
                channel, attempt, from, to, at, notice, plan, reason, prevHash, null);
        return new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel, attempt,
                from, to, at, notice, plan, reason, prevHash, HopHash.of(HopEvents.toTree(unsealed)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
