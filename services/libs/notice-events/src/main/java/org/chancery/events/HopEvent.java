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
 * @param reason        why, on hops that refuse, fail, escalate or return
 * @param receipt       what the receiving ministry did, on the hops of the receipt
 * @param prevHash      the parent's hash; absent on the first hop
 * @param hash          SHA-256 over the canonical form of this hop
 * @param signature     the emitting service's Ed25519 signature of {@code hash}, base64 (see
 *                      {@link HopSignatures}); not covered by the hash
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
        ReceiptOutcome receipt,
        String prevHash,
        String hash,
        String signature) {

    /**
     * The envelope version this library writes. Version 1 (the foundation's) had no {@code receipt};
     * version 2 adds it on the hops of a receipt; version 3 adds the emitting service's
     * {@code signature}. Fields are only ever added: a consumer reads every earlier version and
     * ignores fields it does not know.
     */
    public static final int SCHEMA_VERSION = 3;

    /** The first hop of a notice: its dispatch on the first route of the plan. */
    public static HopEvent first(UUID noticeId, String service, String from, String to, Notice notice,
            List<Route> plan) {
        Draft draft = new Draft(HopType.NOTICE_DISPATCHED, noticeId, 1, null, null, service, from, to);
        draft.channel = plan.get(0).channel();
        draft.attempt = 1;
        return draft.notice(notice).plan(plan).seal();
    }

    /**
     * The hop that follows this one, on the same notice, channel and attempt. It carries neither
     * notice, plan, reason nor receipt unless the draft is given them.
     */
    public Draft next(HopType nextType, String byService, String nextFrom, String nextTo) {
        Draft draft = new Draft(nextType, noticeId, hop + 1, eventId, hash, byService, nextFrom, nextTo);
        draft.channel = channel;
        draft.attempt = attempt;
        return draft;
    }

    /** The outcome a hop of a receipt carries; a version-1 receipt carried none, and meant acknowledged. */
    public ReceiptOutcome receiptOutcome() {
        return receipt == null ? ReceiptOutcome.ACKNOWLEDGED : receipt;
    }

    /** This hop with its hash computed over everything else it holds. */
    public HopEvent sealed() {
        HopEvent unsealed = new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel,
                attempt, from, to, at, notice, plan, reason, receipt, prevHash, null, null);
        return new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel, attempt,
                from, to, at, notice, plan, reason, receipt, prevHash, HopHash.of(HopEvents.toTree(unsealed)), null);
    }

    /** This hop, sealed, with its emitter's signature of its hash. */
    public HopEvent signedWith(String signatureOfHash) {
        return new HopEvent(schemaVersion, eventId, type, noticeId, hop, parentId, service, channel, attempt,
                from, to, at, notice, plan, reason, receipt, prevHash, hash, signatureOfHash);
    }

    /** A hop being written: everything but its hash, which {@link #seal()} adds. */
    public static final class Draft {
        private final HopType type;
        private final UUID noticeId;
        private final int hop;
        private final UUID parentId;
        private final String prevHash;
        private final String service;
        private final String from;
        private final String to;
        private final Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        private Channel channel;
        private int attempt;
        private Notice notice;
        private List<Route> plan;
        private String reason;
        private ReceiptOutcome receipt;

        private Draft(HopType type, UUID noticeId, int hop, UUID parentId, String prevHash, String service,
                String from, String to) {
            this.type = type;
            this.noticeId = noticeId;
            this.hop = hop;
            this.parentId = parentId;
            this.prevHash = prevHash;
            this.service = service;
            this.from = from;
            this.to = to;
        }

        public Draft notice(Notice value) {
            notice = value;
            return this;
        }

        public Draft plan(List<Route> value) {
            plan = value;
            return this;
        }

        public Draft reason(String value) {
            reason = value;
            return this;
        }

        /** Marks a hop of the receipt with the receiving ministry's outcome (and reason, if it returned the notice). */
        public Draft receipt(ReceiptOutcome outcome, String why) {
            receipt = outcome;
            reason = why;
            return this;
        }

        /** Starts another attempt, on another channel. */
        public Draft attempt(Channel onChannel, int number) {
            channel = onChannel;
            attempt = number;
            return this;
        }

        /** When the hop happened: the draft's creation. */
        public Instant at() {
            return at;
        }

        public HopEvent seal() {
            return new HopEvent(SCHEMA_VERSION, Ids.next(), type, noticeId, hop, parentId, service,
                    channel, attempt, from, to, at, notice, plan, reason, receipt, prevHash, null, null).sealed();
        }
    }
}
