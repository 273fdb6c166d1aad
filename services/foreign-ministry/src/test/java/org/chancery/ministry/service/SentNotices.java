package org.chancery.ministry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Ids;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.messaging.Rehearsals;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.service.NoticeMetrics.Outcome;

/** A notice from Washington to Berlin, sent here, and the hops of its path; no broker, no database. */
final class SentNotices {

    static final String EMBASSY = Party.embassy("USA", "DEU");
    static final String SWISS = "protecting-power:CHE";
    /** By the embassy first, then through Switzerland. */
    static final List<Route> PLAN = List.of(new Route(Channel.EMBASSY, List.of(EMBASSY), "resident embassy"),
            new Route(Channel.PROTECTING_POWER, List.of(SWISS), "protecting power"));

    final UUID id = Ids.next();
    final Notice notice = Rehearsals.notice("USA", "DEU", Precedence.ROUTINE);
    final HopEvent dispatched = HopEvent.first(id, HopType.MINISTRY_SERVICE, Party.ministry("USA"), EMBASSY, notice,
            PLAN);
    final SentNotice sent = new SentNotice();
    /** What the roles counted. */
    final List<String> counted = new ArrayList<>();
    final Tally tally = (outcome, channel) -> counted.add(outcome + " " + channel);

    SentNotices() {
        sent.id = id;
        sent.content = NoticeContent.of(notice, notice.body());
        sent.status = NoticeStatus.IN_TRANSIT;
        sent.acceptedAt = dispatched.at();
    }

    SentNotices acceptedAt(Instant at) {
        sent.acceptedAt = at;
        return this;
    }

    SentNotices under(String regime) {
        sent.regime = regime;
        return this;
    }

    HopEvent delivered() {
        return dispatched.next(HopType.NOTICE_DELIVERED, Channel.EMBASSY.service(), EMBASSY, Party.ministry("DEU"))
                .notice(notice).seal();
    }

    HopEvent failed(String why) {
        return dispatched.next(HopType.NOTICE_FAILED, Channel.EMBASSY.service(), EMBASSY, Party.ministry("USA"))
                .reason(why).seal();
    }

    HopEvent receipt() {
        return Rehearsals.acknowledged(delivered()).next(HopType.RECEIPT_DELIVERED, Channel.EMBASSY.service(),
                EMBASSY, Party.ministry("USA")).receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
    }

    HopEvent returned(String why) {
        return Rehearsals.acknowledged(delivered()).next(HopType.RECEIPT_DELIVERED, Channel.EMBASSY.service(),
                EMBASSY, Party.ministry("USA")).receipt(ReceiptOutcome.REJECTED, why).seal();
    }

    /** Attempt {@code number}, in {@code state}. */
    Attempt attempt(int number, AttemptState state) {
        Attempt attempt = Attempt.of(dispatched, dispatched.at().plusSeconds(60));
        attempt.number = number;
        attempt.state = state;
        return attempt;
    }

    static String count(Outcome outcome, Channel channel) {
        return outcome + " " + channel;
    }
}
