package org.chancery.ministry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.Emission;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.domain.Escalation;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.Written;
import org.chancery.ministry.service.NoticeMetrics.Outcome;
import org.junit.jupiter.api.Test;

/** The sender following its notice up: each decision from the hop and the notice as it stands; no broker, no database. */
class SenderFollowUpTest {

    static final Escalation ESCALATION = new Escalation(Map.of(Precedence.FLASH, Duration.ofSeconds(30),
            Precedence.IMMEDIATE, Duration.ofMinutes(2), Precedence.PRIORITY, Duration.ofMinutes(10),
            Precedence.ROUTINE, Duration.ofMinutes(30)));

    /** The numbers of a notice's attempts when it was sent once: the receipts here answer attempt 1. */
    static final Set<Integer> ONE_ATTEMPT = Set.of(1);

    private final SentNotices notices = new SentNotices();
    private final NoticeChanges changes = new NoticeChanges();

    private Standing standing() {
        return Standing.of(notices.sent);
    }

    @Test
    void theSenderLearnsItsNoticeWasDeliveredOnce() {
        Standing sent = standing();
        SenderFollowUp.delivered(notices.delivered(), sent, changes, notices.tally);
        SenderFollowUp.delivered(notices.delivered(), sent, changes, notices.tally);

        assertEquals(NoticeStatus.DELIVERED, sent.status());
        assertEquals(List.of(SentNotices.count(Outcome.DELIVERED, Channel.EMBASSY)), notices.counted);
        assertEquals(List.of("1 DELIVERED null"), Written.settlements(changes));
    }

    @Test
    void aNoticeDeliveredHereThatNoMinistryHereSentIsOnlyReceived() {
        SenderFollowUp.delivered(notices.delivered(), null, changes, notices.tally);

        assertTrue(notices.counted.isEmpty());
        assertTrue(Written.settlements(changes).isEmpty());
    }

    @Test
    void theNextRouteIsDueOnlyWhenNoneIsUnderWayAndTheNoticeIsOpen() {
        Standing sent = standing();
        assertTrue(SenderFollowUp.nextRouteDue(sent, List.of(notices.attempt(1, AttemptState.FAILED))));
        assertFalse(SenderFollowUp.nextRouteDue(sent, List.of(notices.attempt(1, AttemptState.FAILED),
                notices.attempt(2, AttemptState.IN_FLIGHT))));
        notices.sent.status = NoticeStatus.ACKNOWLEDGED;
        assertFalse(SenderFollowUp.nextRouteDue(standing(), List.of(notices.attempt(1, AttemptState.FAILED))));
    }

    @Test
    void aFailedRouteIsFollowedByTheNextOfThePlan() {
        HopEvent failure = notices.failed("the embassy is closed");

        Emission next = SenderFollowUp.nextRouteOrFail(failure, standing(), notices.sent, SentNotices.PLAN,
                List.of(notices.attempt(1, AttemptState.FAILED)), changes, ESCALATION, notices.tally);

        HopEvent dispatch = next.hop();
        assertEquals(HopTopic.dispatch(Channel.PROTECTING_POWER), next.step());
        assertEquals(HopType.NOTICE_DISPATCHED, dispatch.type());
        assertEquals(2, dispatch.attempt());
        assertEquals(Channel.PROTECTING_POWER, dispatch.channel());
        assertEquals(SentNotices.SWISS, dispatch.to());
        assertEquals(failure.hash(), dispatch.prevHash());
        assertEquals("re-routed: EMBASSY could not deliver (the embassy is closed)", dispatch.reason());
        Attempt attempt = Written.newAttempts(changes).get(0);
        assertEquals(2, attempt.number);
        assertEquals(dispatch.at().plus(Duration.ofMinutes(30)), attempt.escalateAt);
        assertEquals(List.of(SentNotices.count(Outcome.REROUTED, Channel.PROTECTING_POWER)), notices.counted);
    }

    @Test
    void whenEveryRouteHasFailedTheNoticeHasFailed() {
        HopEvent failure = notices.failed("no line");
        Standing sent = standing();

        Emission undeliverable = SenderFollowUp.nextRouteOrFail(failure, sent, notices.sent, SentNotices.PLAN,
                List.of(notices.attempt(1, AttemptState.FAILED), notices.attempt(2, AttemptState.FAILED)), changes,
                ESCALATION, notices.tally);

        assertEquals(HopTopic.NOTICES, undeliverable.step());
        assertEquals(HopType.NOTICE_UNDELIVERABLE, undeliverable.hop().type());
        assertEquals(Party.ministry("USA"), undeliverable.hop().to());
        assertEquals("every planned route failed; the last: no line", undeliverable.hop().reason());
        assertEquals(NoticeStatus.FAILED, sent.status());
        assertTrue(Written.escalationsStopped(changes).contains(notices.id));
        assertEquals(List.of(SentNotices.count(Outcome.FAILED, Channel.EMBASSY)), notices.counted);
    }

    @Test
    void theFirstReceiptDecidesTheNoticeAndLaterOnesAreOnlyRecorded() {
        Standing sent = standing();

        List<Emission> first = SenderFollowUp.recordReceipt(notices.receipt(), sent, ONE_ATTEMPT, Optional.empty(),
                changes, notices.tally);
        List<Emission> second = SenderFollowUp.recordReceipt(notices.returned("too late to matter"), sent,
                ONE_ATTEMPT, Optional.empty(), changes, notices.tally);

        assertEquals(List.of(HopType.RECEIPT_RECORDED), first.stream().map(e -> e.hop().type()).toList());
        assertEquals(List.of(HopType.RECEIPT_RECORDED), second.stream().map(e -> e.hop().type()).toList());
        assertEquals(ReceiptOutcome.REJECTED, second.get(0).hop().receipt());
        assertEquals(NoticeStatus.ACKNOWLEDGED, sent.status());
        assertEquals(List.of(SentNotices.count(Outcome.ACKNOWLEDGED, Channel.EMBASSY)), notices.counted);
        // Each receipt closes its path; the later one settles the attempt as it says.
        assertEquals(List.of("1 REJECTED too late to matter"), Written.settlements(changes));
    }

    @Test
    void aReceiptForANoticeSentOnceStopsNothingButTheAttemptItSettles() {
        SenderFollowUp.recordReceipt(notices.receipt(), standing(), ONE_ATTEMPT, Optional.empty(), changes,
                notices.tally);

        assertEquals(List.of("1 ACKNOWLEDGED null"), Written.settlements(changes));
        assertTrue(Written.escalationsStopped(changes).isEmpty());
    }

    @Test
    void aReceiptForANoticeSentAgainStopsTheEscalationOfEveryAttempt() {
        SenderFollowUp.recordReceipt(notices.receipt(), standing(), Set.of(1, 2), Optional.empty(), changes,
                notices.tally);

        assertEquals(Set.of(notices.id), Written.escalationsStopped(changes));
    }

    @Test
    void aReturnedNoticeIsRejectedWithTheReceiversReason() {
        Standing sent = standing();

        SenderFollowUp.recordReceipt(notices.returned("not accepted"), sent, ONE_ATTEMPT, Optional.empty(), changes,
                notices.tally);

        assertEquals(NoticeStatus.REJECTED, sent.status());
        assertEquals("not accepted", Written.history(changes).get(0).detail());
        assertEquals(List.of(SentNotices.count(Outcome.REJECTED, Channel.EMBASSY)), notices.counted);
    }

    @Test
    void aReceiptPastItsRegimesWindowIsRecordedAndMarkedLate() {
        notices.under("DRILL").acceptedAt(Instant.now().minus(Duration.ofHours(3)));
        Standing sent = standing();

        List<Emission> emitted = SenderFollowUp.recordReceipt(notices.receipt(), sent, ONE_ATTEMPT,
                Optional.of(drill(Duration.ofHours(1))), changes, notices.tally);

        assertEquals(List.of(HopType.RECEIPT_RECORDED, HopType.RECEIPT_LATE),
                emitted.stream().map(e -> e.hop().type()).toList());
        String why = emitted.get(1).hop().reason();
        assertTrue(why.startsWith("the receipt came 3 h") && why.endsWith("after the notice, past the 1 h DRILL allows"),
                why);
        assertEquals("by EMBASSY; late: " + why, Written.history(changes).get(0).detail());
    }

    @Test
    void aReceiptWithinItsWindowOrWithoutOneIsNotLate() {
        Standing sent = standing();
        HopEvent receipt = notices.receipt();
        assertEquals(Optional.empty(), SenderFollowUp.lateness(sent, receipt, Optional.of(drill(Duration.ofHours(1)))));
        assertEquals(Optional.empty(), SenderFollowUp.lateness(sent, receipt, Optional.of(drill(null))));
        assertEquals(Optional.empty(), SenderFollowUp.lateness(sent, receipt, Optional.empty()));
    }

    static Regimes.Regime drill(Duration ackWindow) {
        return new Regimes.Regime("DRILL", "A drill", null, List.of("USA", "DEU"), null, null, null, null, null, null,
                ackWindow, true, null, null, null, null, null);
    }
}
