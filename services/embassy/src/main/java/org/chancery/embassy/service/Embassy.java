package org.chancery.embassy.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Topics;
import org.chancery.outbox.Emission;
import org.chancery.outbox.PoisonRecordException;

/**
 * The sending state's resident embassy: it hands the note to the receiving ministry (VCDR
 * Art. 41(2)), and carries the receipt home to its own ministry.
 */
@ApplicationScoped
public class Embassy {

    private static final String SERVICE = "embassy";

    public List<Emission> carry(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> deliver(hop);
            case NOTICE_ACKNOWLEDGED -> returnReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> deliver(HopEvent hop) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        String embassy = embassyIn(hop.to());
        HopEvent delivered = hop.next(HopType.NOTICE_DELIVERED, SERVICE, embassy, Party.ministry(hop.notice().to()))
                .withNotice(hop.notice())
                .sealed();
        return List.of(new Emission(Topics.DELIVERY, delivered));
    }

    private List<Emission> returnReceipt(HopEvent hop) {
        String embassy = embassyIn(hop.to());
        String home = Party.ministry(Party.parse(embassy).state());
        return List.of(new Emission(Topics.DELIVERY, hop.next(HopType.RECEIPT_DELIVERED, SERVICE, embassy, home).sealed()));
    }

    /** The embassy a hop is addressed to; anything else was sent to the wrong channel. */
    private static String embassyIn(String party) {
        Party p;
        try {
            p = Party.parse(party);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        if (!Party.EMBASSY.equals(p.kind()) || p.host() == null) {
            throw new PoisonRecordException("addressed to " + party + ", which is not an embassy");
        }
        return party;
    }
}
