package org.chancery.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An intact embassy path, USA to DEU, as the services emit it. */
final class Hops {

    static final Notice NOTICE = Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE,
            Classification.UNCLASSIFIED, "Visit", "The Department presents its compliments.", null);

    private Hops() {
    }

    static List<HopEvent> embassyPath() {
        String usa = Party.ministry("USA");
        String embassy = Party.embassy("USA", "DEU");
        String deu = Party.ministry("DEU");
        List<HopEvent> path = new ArrayList<>();
        HopEvent hop = HopEvent.first(UUID.randomUUID(), "foreign-ministry", usa, embassy, NOTICE,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "resident embassy")));
        path.add(hop);
        hop = hop.next(HopType.NOTICE_DELIVERED, "embassy", embassy, deu).notice(NOTICE).seal();
        path.add(hop);
        hop = hop.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", deu, embassy).seal();
        path.add(hop);
        hop = hop.next(HopType.RECEIPT_DELIVERED, "embassy", embassy, usa).seal();
        path.add(hop);
        hop = hop.next(HopType.RECEIPT_RECORDED, "foreign-ministry", usa, usa).seal();
        path.add(hop);
        return path;
    }
}
