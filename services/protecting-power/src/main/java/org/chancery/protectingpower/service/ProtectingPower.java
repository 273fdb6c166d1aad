package org.chancery.protectingpower.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.HopTopic;
import org.chancery.events.registry.Mandate;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.protectingpower.domain.Mandates;

/**
 * A third state relaying for two that have no relations (VCDR Art. 45-46): its foreign service
 * takes the sending state's notice and passes it to the interests section it runs in the
 * receiving state, which hands it to the receiving ministry; the receipt goes back the same two
 * hops. Only a mandate in force carries anything; otherwise the notice fails back to the sender.
 * Each relay is a hop on this service's own topic, so every step is an event the audit sees.
 */
@ApplicationScoped
public class ProtectingPower implements HopHandler {

    private static final String SERVICE = "protecting-power";

    @Inject
    Mandates mandates;

    @Override
    public Work begin(List<ConsumedHop> hops) {
        return consumed -> carry(consumed.hop());
    }

    public List<Emission> carry(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> relayToSection(hop);
            case NOTICE_RELAYED -> deliverFromSection(hop);
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED -> relayReceipt(hop);
            case RECEIPT_RELAYED -> deliverReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> relayToSection(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        String power = party(hop.to(), Party.PROTECTING_POWER).state();
        String sending = hop.notice().from();
        String receiving = hop.notice().to();
        Optional<Mandate> mandate = mandates.find(sending, receiving, power);
        if (mandate.isEmpty() || !mandate.get().inForce()) {
            String why = mandate.map(m -> power + "'s mandate for " + sending + " in " + receiving + " is "
                            + m.status().name().toLowerCase().replace('_', ' ')
                            + (m.statusAsRecorded() == null ? "" : " (" + m.statusAsRecorded() + ")")
                            + "; " + m.confidence() + ", " + m.source())
                    .orElse(power + " holds no mandate for " + sending + " in " + receiving);
            HopEvent failed = hop.next(HopType.NOTICE_FAILED, SERVICE, hop.to(), Party.ministry(sending))
                    .reason(why).seal();
            return List.of(Emission.of(HopTopic.DELIVERY, failed));
        }
        HopEvent relayed = hop.next(HopType.NOTICE_RELAYED, SERVICE, hop.to(),
                Party.interestsSection(sending, receiving)).notice(hop.notice()).seal();
        return List.of(Emission.of(HopTopic.DISPATCH_PROTECTING_POWER, relayed));
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

    private static Party party(String name, String kind) {
        Party p;
        try {
            p = Party.parse(name);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        if (!kind.equals(p.kind())) {
            throw new PoisonRecordException("addressed to " + name + ", which is not a " + kind.replace('-', ' '));
        }
        return p;
    }
}
