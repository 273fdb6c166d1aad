package org.chancery.protectingpower.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Service;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.MandateKind;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.chancery.protectingpower.domain.Mandates;

/**
 * A third state relaying for two others. A protecting power (VCDR Art. 45-46) takes the sending
 * state's notice and passes it to the interests section it runs in the receiving state, which
 * hands it to the receiving ministry; the receipt goes back the same two hops. Where its mandate
 * is a message channel, and where a mediator offers its good offices, the third state hands the
 * notice straight to the receiving ministry and the receipt straight back. A summons goes to the
 * protecting power that looks after the receiving state's interests in the sending one: its
 * ambassador, called in, passes the note home, and the receipt comes straight back. Only a mandate in
 * force that carries notes carries anything; otherwise the notice fails back to the sender. Each
 * relay is a hop on this service's own topic, so every step is an event the audit sees.
 */
@ApplicationScoped
public class ProtectingPower implements HopHandler {

    private static final String SERVICE = Service.PROTECTING_POWER.id();
    private static final Set<MandateKind> PROTECTING = EnumSet.of(MandateKind.PROTECTING_POWER,
            MandateKind.MESSAGE_CHANNEL);
    private static final Set<MandateKind> MEDIATING = EnumSet.of(MandateKind.GOOD_OFFICES);
    private static final Set<MandateKind> SECTION = EnumSet.of(MandateKind.PROTECTING_POWER);

    @Inject
    Mandates mandates;

    /** A note from Washington to Tehran for Switzerland to take, and the receipt to carry back. */
    @Override
    public List<HopEvent> rehearsal() {
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "IRN", Precedence.ROUTINE),
                Channel.PROTECTING_POWER, Party.protectingPower("CHE"));
        return List.of(dispatched, Rehearsals.acknowledged(dispatched));
    }

    @Override
    public Work begin(List<ConsumedHop> hops) {
        return consumed -> carry(consumed.hop());
    }

    public List<Emission> carry(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> take(hop);
            case NOTICE_RELAYED -> deliverFromSection(hop);
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED -> hop.to() != null
                    && hop.to().startsWith(Party.INTERESTS_SECTION + ":") ? relayReceipt(hop) : returnReceipt(hop);
            case RECEIPT_RELAYED -> deliverReceipt(hop);
            default -> List.of();
        };
    }

    /** A notice handed to a third state: relayed through its interests section, or handed straight on. */
    private List<Emission> take(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        Party third = thirdState(hop.to());
        boolean mediator = Party.MEDIATOR.equals(third.kind());
        boolean summons = hop.notice().kind() == NoticeKind.SUMMONS && !mediator;
        String sending = hop.notice().from();
        String receiving = hop.notice().to();
        // A summons is held under the receiving state's mandate in the sending one; any other notice under the sender's.
        Optional<Mandate> mandate = summons ? mandates.find(receiving, sending, third.state(), SECTION)
                : mandates.find(sending, receiving, third.state(), mediator ? MEDIATING : PROTECTING);
        if (mandate.isEmpty() || !mandate.get().inForce() || !mandate.get().carries()) {
            String why = mandate.map(m -> !m.inForce() ? third.state() + "'s " + role(m) + " for " + m.sending() + " in "
                            + m.receiving() + (m.type() == MandateKind.GOOD_OFFICES ? " are " : " is ")
                            + m.status().name().toLowerCase().replace('_', ' ')
                            + (m.statusAsRecorded() == null ? "" : " (" + m.statusAsRecorded() + ")")
                            + "; " + m.confidence() + ", " + m.source()
                            : third.state() + "'s mandate for " + m.sending() + " in " + m.receiving() + " is consular only ("
                                    + m.scope() + "): it carries no diplomatic note; " + m.confidence() + ", " + m.source())
                    .orElse(third.state() + " holds no " + (mediator ? "good offices" : "mandate") + " for "
                            + (summons ? receiving + " in " + sending + ", so its ambassador cannot be summoned for "
                            + receiving : sending + " in " + receiving));
            HopEvent failed = hop.next(HopType.NOTICE_FAILED, SERVICE, hop.to(), Party.ministry(sending))
                    .reason(why).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, failed));
        }
        if (summons || mandate.get().type() != MandateKind.PROTECTING_POWER) {
            HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(), Party.ministry(receiving))
                    .notice(hop.notice()).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, delivered));
        }
        HopEvent relayed = hop.next(HopType.NOTICE_RELAYED, SERVICE, hop.to(),
                Party.interestsSection(sending, receiving)).notice(hop.notice()).seal();
        return List.of(Emission.of(HopTopic.DISPATCH_PROTECTING_POWER, relayed));
    }

    private static String role(Mandate m) {
        return m.type() == MandateKind.GOOD_OFFICES ? "good offices" : "mandate";
    }

    /** The receipt of a notice handed straight on goes straight back to the sending ministry. */
    private List<Emission> returnReceipt(HopEvent hop) {
        thirdState(hop.to());
        if (hop.notice() == null) {
            throw new PoisonRecordException("an answer handed to " + hop.to() + " must carry the notice it answers");
        }
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(hop.notice().from()))
                .receipt(hop.receiptOutcome(), hop.reason()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    private static Party thirdState(String name) {
        Party p = parse(name);
        if (!Party.PROTECTING_POWER.equals(p.kind()) && !Party.MEDIATOR.equals(p.kind())) {
            throw new PoisonRecordException("addressed to " + name + ", which is not a protecting power or a mediator");
        }
        return p;
    }

    private List<Emission> deliverFromSection(HopEvent hop) {
        party(hop.to(), Party.INTERESTS_SECTION);
        HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(),
                Party.ministry(hop.notice().to())).notice(hop.notice()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    private List<Emission> relayReceipt(HopEvent hop) {
        Party section = party(hop.to(), Party.INTERESTS_SECTION);
        String power = mandates.inForce(section.state(), section.host()).map(Mandate::protectingPower)
                .orElseThrow(() -> new PoisonRecordException("no mandate in force for the interests section "
                        + hop.to()));
        HopEvent relayed = hop.next(HopType.RECEIPT_RELAYED, SERVICE, hop.to(), Party.protectingPower(power))
                .receipt(hop.receiptOutcome(), hop.reason()).seal();
        return List.of(Emission.of(HopTopic.DISPATCH_PROTECTING_POWER, relayed));
    }

    private List<Emission> deliverReceipt(HopEvent hop) {
        party(hop.to(), Party.PROTECTING_POWER);
        String sending = party(hop.from(), Party.INTERESTS_SECTION).state();
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(), Party.ministry(sending))
                .receipt(hop.receiptOutcome(), hop.reason()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    private static Party parse(String name) {
        try {
            return Party.parse(name);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
    }

    private static Party party(String name, String kind) {
        Party p = parse(name);
        if (!kind.equals(p.kind())) {
            throw new PoisonRecordException("addressed to " + name + ", which is not a " + kind.replace('-', ' '));
        }
        return p;
    }
}
