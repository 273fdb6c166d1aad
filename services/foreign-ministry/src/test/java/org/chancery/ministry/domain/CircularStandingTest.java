package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.chancery.events.NoticeStatus;
import org.chancery.ministry.domain.CircularStanding.Status;
import org.junit.jupiter.api.Test;

class CircularStandingTest {

    @Test
    void anyCopyUnderWayKeepsTheCircularInTransitAndOverdueCountsAsPending() {
        CircularStanding s = CircularStanding.of(3, List.of(NoticeStatus.ACKNOWLEDGED, NoticeStatus.OVERDUE,
                NoticeStatus.FAILED));
        assertEquals(Status.IN_TRANSIT, s.status());
        assertEquals(1, s.pending());
        assertEquals(1, s.overdue());
        assertEquals(1, s.failed());
    }

    @Test
    void onceNoCopyIsUnderWayItSaysHowManyWereAcknowledged() {
        assertEquals(Status.ACKNOWLEDGED, CircularStanding.of(2, List.of(NoticeStatus.ACKNOWLEDGED,
                NoticeStatus.ACKNOWLEDGED)).status());
        CircularStanding partly = CircularStanding.of(3, List.of(NoticeStatus.ACKNOWLEDGED, NoticeStatus.REJECTED,
                NoticeStatus.FAILED));
        assertEquals(Status.PARTLY_ACKNOWLEDGED, partly.status());
        assertEquals(1, partly.returned());
        assertEquals(Status.NOT_ACKNOWLEDGED, CircularStanding.of(2, List.of(NoticeStatus.REJECTED,
                NoticeStatus.FAILED)).status());
    }

    @Test
    void aRecipientWithoutACopyIsNotSentAndTheCircularIsNotWhollyAcknowledged() {
        CircularStanding s = CircularStanding.of(3, List.of(NoticeStatus.ACKNOWLEDGED, NoticeStatus.ACKNOWLEDGED));
        assertEquals(1, s.notSent());
        assertEquals(Status.PARTLY_ACKNOWLEDGED, s.status());
    }
}
