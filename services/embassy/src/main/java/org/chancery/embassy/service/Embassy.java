package org.chancery.embassy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Service;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;

/**
 * An embassy. Its own state's embassy hands a note to the receiving ministry (VCDR Art. 41(2)),
 * from inside the receiving state or, accredited there too, from its seat abroad; for a summons,
 * or where the sender has no mission, the receiving state's ambassador in the sender's capital takes
 * the note home. Either way the receipt goes back to the ministry that sent the notice. Without such
 * a mission the embassy reports the failure to the sender. Missions side by side hand notes across:
 * the permanent missions to the UN in New York (the New York channel), and the two states' embassies
 * in a third capital (Japan's and North Korea's in Beijing).
 */
@ApplicationScoped
public class Embassy implements HopHandler {

    private static final String SERVICE = Service.EMBASSY.id();

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
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> sideBySide(hop).map(s -> s.handOver(hop)).orElseGet(() -> deliver(hop));
            case NOTICE_RELAYED -> sideBySide(hop).orElseThrow(() -> misaddressed(hop)).deliver(hop);
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED ->
                    sideBySide(hop).map(s -> s.handBackReceipt(hop)).orElseGet(() -> returnReceipt(hop));
            case RECEIPT_RELAYED -> deliverReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> deliver(HopEvent hop) {
        carried(hop);
        Party embassy = embassy(hop.to());
        String receiving = hop.notice().to();
        // The receiving state's ambassador sits, resident, in the sending state; any other note goes by the
        // sending state's embassy for the receiving state, resident or accredited from its seat.
        boolean receivers = embassy.state().equals(receiving);
        Optional<Mission> mission = receivers ? missions.find(embassy.state(), embassy.host())
                : missions.find(embassy.state(), receiving);
        boolean serves = mission.map(m -> receivers ? m.resident() : m.serves() && m.seat().equals(embassy.host()))
                .orElse(false);
        if (!serves) {
            return fail(hop, (receivers ? "no resident mission of " : "no mission of ") + embassy.state() + " in "
                    + embassy.host() + (receivers || embassy.host().equals(receiving) ? "" : " for " + receiving)
                    + mission.map(m -> " (" + m.note() + "; " + m.confidence() + ")").orElse(""));
        }
        HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(), Party.ministry(hop.notice().to()))
                .notice(hop.notice())
                .seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    /** The receipt goes to the ministry at the other end from the one that gave it. */
    private List<Emission> returnReceipt(HopEvent hop) {
        Party embassy = embassy(hop.to());
        String receiving = parse(hop.from()).state();
        String sender = receiving.equals(embassy.state()) ? embassy.host() : embassy.state();
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(sender))
                .receipt(hop.receiptOutcome(), hop.reason())
                .seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    /** A receipt handed across to the sender's mission goes to its ministry. */
    private static List<Emission> deliverReceipt(HopEvent hop) {
        Party mission = parse(hop.to());
        if (!Party.EMBASSY.equals(mission.kind()) && !Party.isPermanentMission(hop.to())) {
            throw new PoisonRecordException("a relayed receipt goes to a mission, not " + hop.to());
        }
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(mission.state()))
                .receipt(hop.receiptOutcome(), hop.reason()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    private static List<Emission> fail(HopEvent hop, String why) {
        HopEvent failed = hop.next(HopType.NOTICE_FAILED, SERVICE, hop.to(), Party.ministry(hop.notice().from()))
                .reason(why).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, failed));
    }

    /**
     * The two missions side by side that a hop is addressed to, if it is: a permanent mission to the UN;
     * the receiving state's embassy in a third capital; or the sending state's there, where the sources
     * say notes pass in that capital (else an embassy abroad is one accredited to the receiving state).
     */
    private Optional<SideBySide> sideBySide(HopEvent hop) {
        if (Party.isPermanentMission(hop.to())) {
            return Optional.of(new SideBySide(Party.UNITED_NATIONS, Party::permanentMission));
        }
        Notice notice = hop.notice();
        if (notice == null) {
            return Optional.empty();
        }
        Party embassy = embassy(hop.to());
        String capital = embassy.host();
        boolean thirdCapital = Party.isReceiversEmbassyAbroad(embassy, notice) || embassy.state().equals(notice.from())
                && missions.find(notice.from(), notice.to()).filter(m -> capital.equals(m.thirdCapital())).isPresent();
        return thirdCapital ? Optional.of(new SideBySide(capital, state -> Party.embassy(state, capital)))
                : Optional.empty();
    }

    /**
     * Two states' missions in one place, which hand notes across: the sender's takes the note and hands
     * it to the receiver's, which takes it to its ministry; the receipt comes back the same way.
     */
    private final class SideBySide {
        private final String seat;
        private final Function<String, String> missionOf;

        SideBySide(String seat, Function<String, String> missionOf) {
            this.seat = seat;
            this.missionOf = missionOf;
        }

        List<Emission> handOver(HopEvent hop) {
            Notice notice = carried(hop);
            addressedTo(hop, notice.from());
            Optional<String> missing = missing(notice);
            if (missing.isPresent()) {
                return fail(hop, missing.get());
            }
            HopEvent relayed = hop.next(HopType.NOTICE_RELAYED, SERVICE, hop.to(), missionOf.apply(notice.to()))
                    .notice(notice).seal();
            return List.of(Emission.of(HopTopic.DISPATCH_EMBASSY, relayed));
        }

        List<Emission> deliver(HopEvent hop) {
            Notice notice = carried(hop);
            addressedTo(hop, notice.to());
            HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(), Party.ministry(notice.to()))
                    .notice(notice).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, delivered));
        }

        List<Emission> handBackReceipt(HopEvent hop) {
            Notice notice = carried(hop);
            addressedTo(hop, notice.to());
            HopEvent relayed = hop.next(HopType.RECEIPT_RELAYED, SERVICE, hop.to(), missionOf.apply(notice.from()))
                    .receipt(hop.receiptOutcome(), hop.reason()).seal();
            return List.of(Emission.of(HopTopic.DISPATCH_EMBASSY, relayed));
        }

        /** Why the two missions cannot hand this notice across, if they cannot. */
        private Optional<String> missing(Notice notice) {
            for (String state : List.of(notice.from(), notice.to())) {
                if (missions.find(state, seat).filter(Mission::resident).isEmpty()) {
                    return Optional.of("no mission of " + state + " at " + seat);
                }
            }
            return Optional.empty();
        }

        /** The hop must be addressed to {@code state}'s mission here; anything else is misaddressed. */
        private void addressedTo(HopEvent hop, String state) {
            if (!missionOf.apply(state).equals(hop.to())) {
                throw new PoisonRecordException("addressed to " + hop.to() + ", not to the mission of " + state + " at "
                        + seat);
            }
        }
    }

    private static Notice carried(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException(hop.type().ceType() + " to " + hop.to() + " must carry the notice");
        }
        return hop.notice();
    }

    private static PoisonRecordException misaddressed(HopEvent hop) {
        return new PoisonRecordException(hop.type().ceType() + " addressed to " + hop.to()
                + ", which is no mission side by side with another");
    }

    /** The embassy a hop is addressed to; anything else was sent to the wrong channel. */
    private static Party embassy(String party) {
        Party p = parse(party);
        if (!Party.EMBASSY.equals(p.kind()) || p.host() == null) {
            throw new PoisonRecordException("addressed to " + party + ", which is not an embassy");
        }
        return p;
    }

    private static Party parse(String party) {
        try {
            return Party.parse(party);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
    }
}
