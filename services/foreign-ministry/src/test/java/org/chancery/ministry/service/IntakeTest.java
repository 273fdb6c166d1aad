package org.chancery.ministry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chancery.events.Digests;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.LateNotice;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.repository.NoticeChanges.StatusEntry;
import org.junit.jupiter.api.Test;

/** A notice's rows as it is taken in, from its first hop: no broker, no database. */
class IntakeTest {

    private final SentNotices notices = new SentNotices();

    @Test
    void aNoticeTakenInIsInTransitByItsFirstRouteItsBodyKeptAndSealed() {
        Notice sealed = notices.notice.carrying("sealed", Digests.sha256Hex("sealed"));
        HopEvent dispatch = HopEvent.first(notices.id, HopType.MINISTRY_SERVICE, Party.ministry("USA"),
                SentNotices.EMBASSY, sealed, SentNotices.PLAN);

        SentNotice sent = Intake.sentNotice(notices.id, notices.notice, sealed, "[plan]", dispatch);

        assertEquals(NoticeStatus.IN_TRANSIT, sent.status);
        assertEquals(notices.notice.body(), sent.content.body);
        assertEquals("sealed", sent.sealedBody);
        assertEquals(Digests.sha256Hex("sealed"), sent.content.bodyDigest);
        assertEquals("[plan]", sent.plan);
        assertEquals(dispatch.at(), sent.acceptedAt);
        assertNull(sent.lateOwed);
        assertEquals(List.of(new StatusEntry(notices.id, NoticeStatus.ACCEPTED, dispatch.at(), "resident embassy"),
                        new StatusEntry(notices.id, NoticeStatus.IN_TRANSIT, dispatch.at(), null)),
                Intake.history(sent, notices.notice, SentNotices.PLAN.get(0)));
    }

    @Test
    void aLateNoticeSaysSoWhenAccepted() {
        Notice late = notices.notice.under("BMLNA-1988", Instant.now().plus(Duration.ofHours(2)))
                .givenLate(LateNotice.of(Duration.ofHours(24), Duration.ofHours(2)));
        HopEvent dispatch = HopEvent.first(notices.id, HopType.MINISTRY_SERVICE, Party.ministry("USA"),
                SentNotices.EMBASSY, late, SentNotices.PLAN);

        SentNotice sent = Intake.sentNotice(notices.id, late, late, "[]", dispatch);

        assertEquals("PT24H", sent.lateOwed);
        assertEquals("PT2H", sent.lateGave);
        assertEquals("resident embassy; late under BMLNA-1988: it gave 2 h of the 24 h owed",
                Intake.history(sent, late, SentNotices.PLAN.get(0)).get(0).detail());
    }
}
