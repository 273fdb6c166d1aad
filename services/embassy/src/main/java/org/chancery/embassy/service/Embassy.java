package org.chancery.embassy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;

/**
 * An embassy. Its own state's embassy hands a note to the receiving ministry (VCDR Art. 41(2)),
 * from inside the receiving state or, accredited there too, from its seat abroad; for a summons,
 * the receiving state's ambassador, called in by the host, takes the note home. Either way the
 * receipt goes back to the ministry that sent the notice. Without such a mission the embassy
 * reports the failure to the sender. Permanent missions to the UN are missions too: the embassy
 * carries the New York channel.
 */
@ApplicationScoped
public class Embassy implements HopHandler {

    private static final String SERVICE = "embassy";

    @Inject
    Missions missions;

    /** A note from Washington to Berlin to deliver, and Berlin's receipt to carry back. */
    @Override
    public List<HopEvent> rehearsal() {
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "DEU", Precedence.ROUTINE),
                Channel.EMBASSY, Party.embassy("USA", "DEU"));
        return List.of(dispatched, Rehearsals.acknowledged(dispatched));
    }

    @Override
    public Work begin(List<ConsumedHop> hops) {
        return consumed -> carry(consumed.hop());
    }

    public List<Emission> carry(HopEvent hop) {
        boolean newYork = Party.isPermanentMission(hop.to());
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> newYork ? NewYork.handOver(hop) : deliver(hop);
            case NOTICE_RELAYED -> NewYork.deliver(hop);
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED -> newYork ? NewYork.handBackReceipt(hop) : returnReceipt(hop);
            case RECEIPT_RELAYED -> NewYork.deliverReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> deliver(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        Party embassy = embassy(hop.to());
        String receiving = hop.notice().to();
        // A summoned ambassador sits, resident, in the summoning state; any other note goes by the
        // sending state's embassy for the receiving state, resident or accredited from its seat.
        boolean summoned = embassy.state().equals(receiving);
        Optional<Mission> mission = summoned ? missions.find(embassy.state(), embassy.host())
                : missions.find(embassy.state(), receiving);
        boolean serves = mission.map(m -> summoned ? m.resident() : m.serves() && m.seat().equals(embassy.host()))
                .orElse(false);
        if (!serves) {
            String why = (summoned ? "no resident mission of " : "no mission of ") + embassy.state() + " in "
                    + embassy.host() + (summoned || embassy.host().equals(receiving) ? "" : " for " + receiving)
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

    /**
     * The New York channel: the sending state's permanent mission to the UN hands the note to the
     * receiving state's, which takes it to its ministry; the receipt comes back the same way.
     */
    static final class NewYork {

        private NewYork() {
        }

        static List<Emission> handOver(HopEvent hop) {
            Notice notice = carried(hop);
            mission(hop.to(), notice.from());
            HopEvent relayed = hop.next(HopType.NOTICE_RELAYED, SERVICE, hop.to(), Party.permanentMission(notice.to()))
                    .notice(notice).seal();
            return List.of(Emission.of(HopTopic.DISPATCH_EMBASSY, relayed));
        }

        static List<Emission> deliver(HopEvent hop) {
            Notice notice = carried(hop);
            mission(hop.to(), notice.to());
            HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(), Party.ministry(notice.to()))
                    .notice(notice).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, delivered));
        }

        static List<Emission> handBackReceipt(HopEvent hop) {
            Notice notice = carried(hop);
            mission(hop.to(), notice.to());
            HopEvent relayed = hop.next(HopType.RECEIPT_RELAYED, SERVICE, hop.to(), Party.permanentMission(notice.from()))
                    .receipt(hop.receiptOutcome(), hop.reason()).seal();
            return List.of(Emission.of(HopTopic.DISPATCH_EMBASSY, relayed));
        }

        static List<Emission> deliverReceipt(HopEvent hop) {
            if (!Party.isPermanentMission(hop.to())) {
                throw new PoisonRecordException("a relayed receipt goes to a permanent mission, not " + hop.to());
            }
            Party sending = Party.parse(hop.to());
            HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(sending.state()))
                    .receipt(hop.receiptOutcome(), hop.reason()).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, delivered));
        }

        private static Notice carried(HopEvent hop) {
            if (hop.notice() == null) {
                throw new PoisonRecordException(hop.type().ceType() + " by the New York channel must carry the notice");
            }
            return hop.notice();
        }

        /** The hop must be addressed to {@code state}'s permanent mission; anything else is misaddressed. */
        private static void mission(String party, String state) {
            if (!Party.permanentMission(state).equals(party)) {
                throw new PoisonRecordException("addressed to " + party + ", not to the permanent mission of " + state);
            }
        }
    }
}
