package org.chancery.ministry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.messaging.Emission;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.Written;
import org.chancery.ministry.service.NoticeMetrics.Outcome;
import org.junit.jupiter.api.Test;

/** Routes gone quiet and deadlines missed: the decisions, without a broker or a database. */
class DeadlineKeeperTest {

    private final SentNotices notices = new SentNotices();
    private final NoticeChanges changes = new NoticeChanges();

    @Test
    void onlyTheLatestAttemptOfAnOpenNoticeWithARouteLeftIsEscalated() {
        Attempt first = notices.attempt(1, AttemptState.IN_FLIGHT);
        Attempt second = notices.attempt(2, AttemptState.IN_FLIGHT);
        assertTrue(DeadlineKeeper.escalates(notices.sent, first, 1, SentNotices.PLAN));
        // A later route is tried already.
        assertFalse(DeadlineKeeper.escalates(notices.sent, first, 2, SentNotices.PLAN));
        // No route left.
        assertFalse(DeadlineKeeper.escalates(notices.sent, second, 2, SentNotices.PLAN));
        notices.sent.status = NoticeStatus.ACKNOWLEDGED;
        assertFalse(DeadlineKeeper.escalates(notices.sent, first, 1, SentNotices.PLAN));
    }

    @Test
    void anEscalationTriesTheNextRouteBesideTheQuietOneInTheNoticesLane() {
        notices.sent.content.precedence = Precedence.FLASH;
        Attempt quiet = notices.attempt(1, AttemptState.IN_FLIGHT);

        Emission next = DeadlineKeeper.escalate(notices.sent, quiet, 1, SentNotices.PLAN, changes,
                SenderFollowUpTest.ESCALATION, notices.tally);

        assertEquals(HopTopic.dispatch(Channel.PROTECTING_POWER).in(Lane.URGENT), next.topic());
        HopEvent dispatch = next.hop();
        assertEquals(2, dispatch.attempt());
        assertEquals(quiet.dispatch().hash(), dispatch.prevHash());
        assertEquals("escalated: no receipt by EMBASSY since " + quiet.dispatchedAt, dispatch.reason());
        assertEquals(List.of(2), Written.newAttempts(changes).stream().map(a -> a.number).toList());
        assertEquals(List.of(SentNotices.count(Outcome.REROUTED, Channel.PROTECTING_POWER)), notices.counted);
    }

    @Test
    void aNoticeWithoutAReceiptByItsDeadlineIsOverdue() {
        notices.sent.deliverBy = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);

        Emission overdue = DeadlineKeeper.overdue(notices.sent, notices.dispatched, changes, notices.tally);

        assertEquals(HopTopic.NOTICES.in(Lane.ROUTINE), overdue.topic());
        assertEquals(HopType.NOTICE_OVERDUE, overdue.hop().type());
        assertEquals(Party.ministry("USA"), overdue.hop().to());
        assertEquals("no receipt by the deadline, " + notices.sent.deliverBy, overdue.hop().reason());
        assertEquals(NoticeStatus.OVERDUE, Written.history(changes).get(0).status());
        assertTrue(Written.changed(changes, notices.id));
        assertEquals(List.of(SentNotices.count(Outcome.OVERDUE, Channel.EMBASSY)), notices.counted);
    }
}
