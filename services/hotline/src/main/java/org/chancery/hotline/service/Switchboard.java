package org.chancery.hotline.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Service;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.LinkStatus;
import org.chancery.hotline.domain.Lines;
import org.chancery.hotline.entity.RingingCall;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts notices through on their line. A line that is up delivers at once to the far end's
 * ministry; one that is down, dormant or of unknown status, or that does not link the two states,
 * fails the notice back to the sender; on one whose far end does not answer, the call rings until
 * it is answered (the line comes up) or the answer timeout passes. Receipts go back to the other
 * end; on a network, to the node the notice entered by, which its delivery names
 * ({@code hotline:OSCE-CN@USA}).
 */
@ApplicationScoped
public class Switchboard implements HopHandler {

    static final String SERVICE = Service.HOTLINE.id();
    /** A line of the reference data, for the start-up rehearsal. */
    private static final String REHEARSAL_LINE = "US-RU-NRRC";

    @Inject
    Lines lines;

    @ConfigProperty(name = "chancery.hotline.answer-timeout")
    Duration answerTimeout;

    /** A notice from Washington to Moscow to put through, and Moscow's receipt to carry back. */
    @Override
    public List<HopEvent> rehearsal() {
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "RUS", Precedence.ROUTINE),
                Channel.HOTLINE, Party.hotline(REHEARSAL_LINE));
        return List.of(dispatched, Rehearsals.acknowledged(dispatched));
    }

    /** The lines' statuses are read once per batch, when the batch puts a notice through. */
    @Override
    public Work begin(List<ConsumedHop> hops) {
        return new Work() {
            private Map<String, Hotline> current;

            @Override
            public List<Emission> handle(ConsumedHop consumed) {
                return carry(consumed.hop(), () -> current == null ? current = lines.byId() : current);
            }
        };
    }

    /** One hop, with the lines in their current status as {@code lines} reads them. */
    public List<Emission> carry(HopEvent hop, Supplier<Map<String, Hotline>> current) {
        return switch (hop.type()) {
            case NOTICE_DISPATCHED -> putThrough(hop, current.get());
            case NOTICE_ACKNOWLEDGED, NOTICE_REJECTED -> returnReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> putThrough(HopEvent hop, Map<String, Hotline> current) {
        if (hop.notice() == null) {
            throw new PoisonRecordException("a dispatched notice must carry the notice");
        }
        String id = lineId(hop.to());
        Optional<Hotline> found = Optional.ofNullable(current.get(id));
        if (found.isEmpty()) {
            return fail(hop, "there is no hotline " + id);
        }
        Hotline line = found.get();
        String from = hop.notice().from();
        String to = hop.notice().to();
        if (!line.links(from, to)) {
            return fail(hop, line.network() ? (line.parties().contains(from) ? to : from) + " is not on the " + line.name()
                    : line.name() + " links " + String.join(" and ", line.parties()) + ", not " + from + " and " + to);
        }
        return switch (line.status()) {
            case UP -> deliver(hop, line);
            case NOT_ANSWERING -> ring(hop, id);
            case DOWN, DORMANT, UNKNOWN -> fail(hop, line.name() + " is " + describe(line));
        };
    }

    /** Delivery to the far end's ministry; from a network, by the node of the sending state. */
    List<Emission> deliver(HopEvent dispatch, Hotline line) {
        String by = line.network() ? Party.hotlineNode(line.id(), dispatch.notice().from()) : dispatch.to();
        HopEvent delivered = dispatch.next(HopType.NOTICE_DELIVERED, SERVICE, by,
                Party.ministry(dispatch.notice().to())).notice(dispatch.notice()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    /** Failure, reported to the sending ministry. */
    List<Emission> fail(HopEvent dispatch, String why) {
        HopEvent failed = dispatch.next(HopType.NOTICE_FAILED, SERVICE, dispatch.to(),
                Party.ministry(dispatch.notice().from())).reason(why).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, failed));
    }

    private List<Emission> ring(HopEvent dispatch, String lineId) {
        RingingCall call = new RingingCall();
        call.dispatchEventId = dispatch.eventId();
        call.lineId = lineId;
        call.dispatch = HopEvents.toJson(dispatch);
        call.giveUpAt = Instant.now().plus(answerTimeout);
        call.persist();
        return List.of();
    }

    /** What happens to a ringing call now: delivered, failed, or nothing yet. */
    List<Emission> answer(HopEvent dispatch, RingingCall call, Instant now) {
        Hotline line = lines.find(call.lineId).orElse(null);
        if (line != null && line.status() == LinkStatus.UP) {
            return deliver(dispatch, line);
        }
        if (line == null || line.status() != LinkStatus.NOT_ANSWERING || !now.isBefore(call.giveUpAt)) {
            String why = line == null ? "the line is gone"
                    : line.status() == LinkStatus.NOT_ANSWERING
                            ? "not answered within " + answerTimeout.toSeconds() + " s: " + line.statusNote()
                            : line.name() + " is " + describe(line);
            return fail(dispatch, why);
        }
        return null;
    }

    private List<Emission> returnReceipt(HopEvent hop) {
        String id = lineId(hop.to());
        Hotline line = lines.recorded(id).orElseThrow(() -> new PoisonRecordException("there is no hotline " + id));
        String receiving = Party.parse(hop.from()).state();
        String sender = line.network() ? Party.parse(hop.to()).host() : line.otherEnd(receiving);
        if (sender == null || !line.links(sender, receiving)) {
            throw new PoisonRecordException("a receipt on " + id + " from " + receiving + " to " + hop.to()
                    + ", which is no node of the sender on it");
        }
        HopEvent delivered = hop.next(HopType.RECEIPT_DELIVERED, SERVICE, hop.to(),
                Party.ministry(sender)).receipt(hop.receiptOutcome(), hop.reason()).seal();
        return List.of(Emission.of(HopTopic.DELIVERY, delivered));
    }

    private static String describe(Hotline line) {
        return line.status().name().toLowerCase().replace('_', ' ')
                + (line.statusNote() == null ? "" : ": " + line.statusNote());
    }

    private static String lineId(String party) {
        Party p;
        try {
            p = Party.parse(party);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        if (!Party.HOTLINE.equals(p.kind())) {
            throw new PoisonRecordException("addressed to " + party + ", which is not a hotline");
        }
        return p.state();
    }
}
