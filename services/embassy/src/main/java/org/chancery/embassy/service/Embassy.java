package org.chancery.embassy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.HopTopic;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;

/**
 * A resident embassy. Its own state's embassy hands a note to the host ministry (VCDR Art.
 * 41(2)); for a summons, the receiving state's ambassador, called in by the host, takes the note
 * home. Either way the receipt goes back to the ministry that sent the notice. Without a resident
 * mission the embassy reports the failure to the sender.
 */
@ApplicationScoped
public class Embassy implements HopHandler {

    private static final String SERVICE = "embassy";

    @Inject
    Missions missions;

    @Override
    public Work begin(List<ConsumedHop> hops) {
        return consumed -> carry(consumed.hop());
    }

    public List<Emission> carry(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> deliver(hop);
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED -> returnReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> deliver(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        Party embassy = embassy(hop.to());
        Optional<Mission> mission = missions.find(embassy.state(), embassy.host());
        if (mission.isEmpty() || !mission.get().resident()) {
            String why = "no resident mission of " + embassy.state() + " in " + embassy.host()
                    + mission.map(m -> " (" + m.note() + "; " + m.confidence() + ")").orElse("");
            HopEvent failed = hop.next(HopType.NOTICE_FAILED, SERVICE, hop.to(), Party.ministry(hop.notice().from()))
                    .reason(why).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, failed));
        }
        HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(), Party.ministry(hop.notice().to()))
                .notice(hop.notice())
                .seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    /** The receipt goes to the ministry at the other end from the one that gave it. */
    private List<Emission> returnReceipt(HopEvent hop) {
        Party embassy = embassy(hop.to());
        String receiving = Party.parse(hop.from()).state();
        String sender = receiving.equals(embassy.state()) ? embassy.host() : embassy.state();
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(sender))
                .receipt(hop.receiptOutcome(), hop.reason())
                .seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    /** The embassy a hop is addressed to; anything else was sent to the wrong channel. */
    private static Party embassy(String party) {
        Party p;
        try {
            p = Party.parse(party);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        if (!Party.EMBASSY.equals(p.kind()) || p.host() == null) {
            throw new PoisonRecordException("addressed to " + party + ", which is not an embassy");
        }
        return p;
    }
}
