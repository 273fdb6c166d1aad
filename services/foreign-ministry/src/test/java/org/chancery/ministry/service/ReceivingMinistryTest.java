package org.chancery.ministry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.Emission;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.Written;
import org.junit.jupiter.api.Test;

/** The receiving ministry's answer to a delivered notice: no broker, no database. */
class ReceivingMinistryTest {

    private final SentNotices notices = new SentNotices();
    private final NoticeChanges changes = new NoticeChanges();

    @Test
    void aDeliveredNoticeIsKeptOpenedAndAcknowledgedBackByTheChannelItCameBy() {
        HopEvent delivered = notices.delivered();
        Emission emission = ReceivingMinistry.answer(delivered, "opened", Optional.empty(), changes);

        assertEquals(HopTopic.dispatch(Channel.EMBASSY), emission.step());
        HopEvent answer = emission.hop();
        assertEquals(HopType.NOTICE_ACKNOWLEDGED, answer.type());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, answer.receipt());
        assertEquals(Party.ministry("DEU"), answer.from());
        assertEquals(SentNotices.EMBASSY, answer.to());
        assertEquals(delivered.hash(), answer.prevHash());
        // An embassy's name says whose the notice is: the answer need not carry it.
        assertNull(answer.notice());

        ReceivedNotice received = Written.received(changes).get(0);
        assertEquals(notices.id, received.id);
        assertEquals("opened", received.content.body);
        assertEquals(SentNotices.EMBASSY, received.deliveredBy);
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, received.receiptOutcome);
        assertEquals(answer.at(), received.receiptAt);
    }

    @Test
    void aNoticeARuleReturnsIsRejectedWithItsReason() {
        HopEvent answer = ReceivingMinistry.answer(notices.delivered(), "opened",
                Optional.of("the Ministry does not accept this démarche"), changes).hop();

        assertEquals(HopType.NOTICE_REJECTED, answer.type());
        assertEquals(ReceiptOutcome.REJECTED, answer.receipt());
        assertEquals("the Ministry does not accept this démarche", answer.reason());
        assertEquals("the Ministry does not accept this démarche", Written.received(changes).get(0).receiptReason);
    }

    @Test
    void anAnswerThroughAProtectingPowerCarriesTheNoticeHome() {
        HopEvent delivered = notices.dispatched.next(HopType.NOTICE_DELIVERED, Channel.PROTECTING_POWER.service(),
                SentNotices.SWISS, Party.ministry("DEU")).notice(notices.notice).seal();

        HopEvent answer = ReceivingMinistry.answer(delivered, "opened", Optional.empty(), changes).hop();

        assertNotNull(answer.notice());
        assertEquals(SentNotices.SWISS, answer.to());
    }
}
