package org.chancery.ministry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.Party;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.Emission;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.repository.NoticeChanges;

/**
 * The ministry a notice is addressed to: it opens the bag, keeps the notice, and answers at once,
 * acknowledging it or returning it if a return rule says so; the receipt goes back by the channel
 * the notice came by.
 */
@ApplicationScoped
public class ReceivingMinistry {

    @Inject
    Sealing sealing;

    @Inject
    Planning planning;

    /** A delivered notice, checked and opened, is received and answered. */
    public List<Emission> receive(HopEvent delivered, NoticeChanges changes) {
        Notice notice = delivered.notice();
        if (notice == null) {
            throw new PoisonRecordException("a delivered notice must carry the notice");
        }
        HopChecks.mustActUnderMandate(planning, delivered, notice.from(), notice.to(), notice.kind());
        String body = sealing.open(delivered.noticeId(), notice);
        return List.of(answer(delivered, body, planning.returnRules().reasonToReturn(notice), changes));
    }

    /**
     * The answer to a delivered notice whose body is {@code body} (opened): a receipt, returning it
     * if there is a reason to, back by the channel it came by; the notice is kept as received.
     */
    static Emission answer(HopEvent delivered, String body, Optional<String> returned, NoticeChanges changes) {
        Notice notice = delivered.notice();
        ReceiptOutcome outcome = returned.isPresent() ? ReceiptOutcome.REJECTED : ReceiptOutcome.ACKNOWLEDGED;
        HopType answering = returned.isPresent() ? HopType.NOTICE_REJECTED : HopType.NOTICE_ACKNOWLEDGED;
        HopEvent.Draft reply = delivered.next(answering, HopType.MINISTRY_SERVICE, Party.ministry(notice.to()),
                delivered.from()).receipt(outcome, returned.orElse(null));
        // Where the deliverer's name does not say whose the notice was, the answer carries it home.
        if (Party.answerCarriesNotice(delivered.from(), notice)) {
            reply.notice(notice);
        }
        HopEvent answer = reply.seal();

        ReceivedNotice received = new ReceivedNotice();
        received.id = delivered.noticeId();
        received.content = NoticeContent.of(notice, body);
        received.channel = delivered.channel();
        received.deliveredBy = delivered.from();
        received.deliveredAt = delivered.at();
        received.receiptOutcome = outcome;
        received.receiptReason = returned.orElse(null);
        received.receiptAt = answer.at();
        changes.received(received);
        return Emission.of(HopTopic.dispatch(delivered.channel()), answer);
    }
}
