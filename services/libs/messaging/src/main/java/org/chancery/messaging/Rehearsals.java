package org.chancery.messaging;

import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;

/** Hops of a notice that is never sent, for the services' start-up rehearsals ({@link HopHandler#rehearsal()}). */
public final class Rehearsals {

    private Rehearsals() {
    }

    /** A notice from one state to another, with a body that says what it is. */
    public static Notice notice(String from, String to, Precedence precedence) {
        return Notice.of(from, to, NoticeKind.NOTE_VERBALE, precedence, Classification.UNCLASSIFIED,
                "start-up rehearsal", "never sent", null);
    }

    /** The notice handed by its sender's ministry to a channel's first party. */
    public static HopEvent dispatched(Notice notice, Channel channel, String firstParty) {
        return HopEvent.first(UUID.randomUUID(), HopType.MINISTRY_SERVICE, Party.ministry(notice.from()), firstParty,
                notice, List.of(Route.informal(channel, List.of(firstParty), "start-up rehearsal")));
    }

    /** The receiving ministry's receipt for a notice that reached it, handed back to the party that delivered it. */
    public static HopEvent acknowledged(HopEvent dispatched) {
        HopEvent.Draft answer = dispatched.next(HopType.NOTICE_ACKNOWLEDGED, HopType.MINISTRY_SERVICE,
                Party.ministry(dispatched.notice().to()), dispatched.to()).receipt(ReceiptOutcome.ACKNOWLEDGED, null);
        if (Party.answerCarriesNotice(dispatched.to(), dispatched.notice())) {
            answer.notice(dispatched.notice());
        }
        return answer.seal();
    }
}
