package org.chancery.events;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The grammar of a path, in one place for the ministry (which refuses a receipt or a failure that
 * breaks it) and the audit (which reports every hop that does): which type of hop may follow which;
 * each hop leaves from where its parent went; a hop keeps its parent's channel and attempt unless it
 * starts a new attempt; and the hops of a receipt carry the outcome the receiving ministry signed.
 * A signature shows who wrote a hop; only this shows that a relay did not make up, flip or misplace
 * what it carried.
 */
public final class HopGrammar {

    private HopGrammar() {
    }

    /** Why a hop breaks the grammar, by name. */
    public enum Breach {
        /** A type of hop that may not follow its parent's (a receipt with no acknowledgement before it). */
        OUT_OF_TURN,
        /** The hop does not leave from where its parent went. */
        WRONG_PARTY,
        /** The hop is on another channel or attempt than its parent's, or than the attempt it answers. */
        WRONG_CHANNEL,
        /** A receipt whose outcome is not the one the receiving ministry signed (flipped on the way). */
        RECEIPT_CHANGED
    }

    /** A breach and what it is about. */
    public record Violation(Breach breach, String detail) {
    }

    private static final Set<HopType> FORWARD = EnumSet.of(HopType.NOTICE_DISPATCHED, HopType.NOTICE_RELAYED);
    private static final Set<HopType> ANSWERS = EnumSet.of(HopType.NOTICE_ACKNOWLEDGED, HopType.NOTICE_REJECTED);
    private static final Set<HopType> RECEIPT_ON_ITS_WAY = EnumSet.of(HopType.NOTICE_ACKNOWLEDGED,
            HopType.NOTICE_REJECTED, HopType.RECEIPT_RELAYED);

    /** The types of hop each type may follow. */
    private static final Map<HopType, Set<HopType>> FOLLOWS = Map.ofEntries(
            Map.entry(HopType.NOTICE_DISPATCHED, EnumSet.of(HopType.NOTICE_DISPATCHED, HopType.NOTICE_FAILED)),
            Map.entry(HopType.NOTICE_RELAYED, FORWARD),
            Map.entry(HopType.NOTICE_DELIVERED, FORWARD),
            Map.entry(HopType.NOTICE_FAILED, FORWARD),
            Map.entry(HopType.NOTICE_ACKNOWLEDGED, EnumSet.of(HopType.NOTICE_DELIVERED)),
            Map.entry(HopType.NOTICE_REJECTED, EnumSet.of(HopType.NOTICE_DELIVERED)),
            Map.entry(HopType.RECEIPT_RELAYED, RECEIPT_ON_ITS_WAY),
            Map.entry(HopType.RECEIPT_DELIVERED, RECEIPT_ON_ITS_WAY),
            Map.entry(HopType.RECEIPT_RECORDED, EnumSet.of(HopType.RECEIPT_DELIVERED)),
            Map.entry(HopType.RECEIPT_LATE, EnumSet.of(HopType.RECEIPT_RECORDED)),
            Map.entry(HopType.NOTICE_OVERDUE, EnumSet.of(HopType.NOTICE_DISPATCHED)),
            Map.entry(HopType.NOTICE_UNDELIVERABLE, EnumSet.of(HopType.NOTICE_FAILED)));

    /** The first hop of a path: the sending ministry dispatching the notice. */
    public static Optional<Violation> first(HopEvent hop) {
        if (hop.type() != HopType.NOTICE_DISPATCHED) {
            return violation(Breach.OUT_OF_TURN, hop.type().ceType() + " cannot begin a path");
        }
        if (hop.notice() != null && !Party.ministry(hop.notice().from()).equals(hop.from())) {
            return violation(Breach.WRONG_PARTY, "dispatched from " + hop.from() + ", not from the ministry of "
                    + hop.notice().from());
        }
        return Optional.empty();
    }

    /** Why {@code hop} may not follow {@code parent}; empty if it may. */
    public static Optional<Violation> afterParent(HopEvent hop, HopEvent parent) {
        if (!FOLLOWS.get(hop.type()).contains(parent.type())) {
            return violation(Breach.OUT_OF_TURN, hop.type().ceType() + " cannot follow " + parent.type().ceType());
        }
        String from = expectedFrom(hop, parent);
        if (!sameParty(hop.from(), from)) {
            return violation(Breach.WRONG_PARTY, hop.type().ceType() + " leaves from " + hop.from() + ", but "
                    + parent.type().ceType() + " went to " + from);
        }
        if (ANSWERS.contains(hop.type()) && !sameParty(hop.to(), parent.from())) {
            return violation(Breach.WRONG_PARTY, "an answer goes to " + hop.to() + ", not to " + parent.from()
                    + ", which delivered the notice");
        }
        if (hop.type() == HopType.NOTICE_DISPATCHED) {
            if (hop.attempt() <= parent.attempt()) {
                return violation(Breach.WRONG_CHANNEL, "attempt " + hop.attempt() + " dispatched after attempt "
                        + parent.attempt());
            }
        } else if (hop.channel() != parent.channel() || hop.attempt() != parent.attempt()) {
            return violation(Breach.WRONG_CHANNEL, hop.type().ceType() + " on " + hop.channel() + " attempt "
                    + hop.attempt() + ", answering " + parent.channel() + " attempt " + parent.attempt());
        }
        return receiptChange(hop, parent);
    }

    /**
     * Why a receipt handed to the sending ministry is not the one its receiving ministry gave, for the
     * attempt it claims: on another channel than that attempt's, or with another outcome than the
     * receiving ministry signed; empty if it is. {@code signed} is null where no acknowledgement or
     * return was given at all.
     */
    public static Optional<Violation> receipt(HopEvent delivered, Channel attemptChannel, ReceiptOutcome signed) {
        if (attemptChannel == null || delivered.channel() != attemptChannel) {
            return violation(Breach.WRONG_CHANNEL, "a receipt on " + delivered.channel() + " for attempt "
                    + delivered.attempt() + ", which went " + (attemptChannel == null ? "nowhere" : "by " + attemptChannel));
        }
        if (signed == null) {
            return violation(Breach.OUT_OF_TURN, "a receipt that no receiving ministry gave: the notice was never "
                    + "acknowledged or returned");
        }
        if (delivered.receiptOutcome() != signed) {
            return violation(Breach.RECEIPT_CHANGED, "the receipt says " + delivered.receiptOutcome()
                    + ", the receiving ministry signed " + signed);
        }
        return Optional.empty();
    }

    /** Why a channel's failure does not answer the attempt it claims (its channel, and the party it went to). */
    public static Optional<Violation> failure(HopEvent failed, Channel attemptChannel, String attemptVia) {
        if (attemptChannel == null || failed.channel() != attemptChannel) {
            return violation(Breach.WRONG_CHANNEL, "a failure on " + failed.channel() + " for attempt "
                    + failed.attempt() + ", which went " + (attemptChannel == null ? "nowhere" : "by " + attemptChannel));
        }
        if (!sameParty(failed.from(), attemptVia)) {
            return violation(Breach.WRONG_PARTY, "a failure from " + failed.from() + " for an attempt that went to "
                    + attemptVia);
        }
        return Optional.empty();
    }

    /** Where a hop must leave from: where its parent went, or, for the ministry's own acts, its ministry. */
    private static String expectedFrom(HopEvent hop, HopEvent parent) {
        return switch (hop.type()) {
            // A new attempt after a failure leaves from the ministry the failure reached; an escalation,
            // and an overdue notice, from the ministry that dispatched the attempt before.
            case NOTICE_DISPATCHED -> parent.type() == HopType.NOTICE_FAILED ? parent.to() : parent.from();
            case NOTICE_OVERDUE -> parent.from();
            default -> parent.to();
        };
    }

    /** The outcome of a receipt stays the one the receiving ministry signed, all the way back. */
    private static Optional<Violation> receiptChange(HopEvent hop, HopEvent parent) {
        boolean carriesReceipt = hop.type() == HopType.RECEIPT_RELAYED || hop.type() == HopType.RECEIPT_DELIVERED
                || hop.type() == HopType.RECEIPT_RECORDED;
        if (ANSWERS.contains(hop.type())) {
            ReceiptOutcome meant = hop.type() == HopType.NOTICE_REJECTED ? ReceiptOutcome.REJECTED
                    : ReceiptOutcome.ACKNOWLEDGED;
            return hop.receiptOutcome() == meant ? Optional.empty()
                    : violation(Breach.RECEIPT_CHANGED, hop.type().ceType() + " says " + hop.receiptOutcome());
        }
        if (carriesReceipt && hop.receiptOutcome() != parent.receiptOutcome()) {
            return violation(Breach.RECEIPT_CHANGED, hop.type().ceType() + " says " + hop.receiptOutcome() + ", "
                    + parent.type().ceType() + " said " + parent.receiptOutcome());
        }
        return Optional.empty();
    }

    /** The same party, or a network line and one of its nodes ({@code hotline:OSCE-CN}, {@code hotline:OSCE-CN@USA}). */
    static boolean sameParty(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null || !a.startsWith(Party.HOTLINE + ":") || !b.startsWith(Party.HOTLINE + ":")) {
            return false;
        }
        return a.startsWith(b + "@") || b.startsWith(a + "@");
    }

    private static Optional<Violation> violation(Breach breach, String detail) {
        return Optional.of(new Violation(breach, detail));
    }
}
