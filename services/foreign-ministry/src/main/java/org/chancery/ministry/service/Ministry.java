package org.chancery.ministry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.Party;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.ministry.domain.NoticeStatus;
import org.chancery.ministry.domain.RoutePlanner;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.outbox.Emission;
import org.chancery.outbox.Outbox;
import org.chancery.outbox.OutboxRecord;
import org.chancery.outbox.PoisonRecordException;
import org.jboss.logging.Logger;

/**
 * The foreign ministries of every state: each sends notices and receives those addressed to it.
 * A sent notice starts as its first hop (the dispatch to the first channel of its plan); a
 * delivered notice is acknowledged at once, and the receipt goes back by the channel it came by.
 */
@ApplicationScoped
public class Ministry {

    private static final Logger LOG = Logger.getLogger(Ministry.class);
    private static final String SERVICE = "foreign-ministry";

    @Inject
    RoutePlanner planner;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** A notice taken in, and its first hop waiting to be published. */
    public record Submission(SentNotice notice, List<OutboxRecord> firstHops) {
    }

    /** Plans the notice's route and stores it with its first hop, in one transaction. */
    @Transactional
    public Submission accept(Notice notice) {
        List<Route> plan = planner.plan(notice.from(), notice.to());
        UUID id = UUID.randomUUID();
        Route first = plan.get(0);
        HopEvent dispatch = HopEvent.first(id, SERVICE, Party.ministry(notice.from()), first.via().get(0), notice, plan);

        SentNotice sent = new SentNotice();
        sent.id = id;
        sent.content = NoticeContent.of(notice);
        sent.deliverBy = notice.deliverBy();
        sent.plan = toJson(plan);
        sent.channel = first.channel();
        sent.attempt = 1;
        sent.status = NoticeStatus.ACCEPTED;
        sent.acceptedAt = dispatch.at();
        sent.persist();
        sent.advance(NoticeStatus.ACCEPTED, dispatch.at());
        return new Submission(sent, outbox.store(null, List.of(Emission.of(first.channel().dispatchTopic(), dispatch))));
    }

    /** The first hop is on the broker: the notice is with its channel. */
    @Transactional
    public void dispatched(UUID id) {
        SentNotice.<SentNotice>findByIdOptional(id).ifPresent(n -> n.advance(NoticeStatus.IN_TRANSIT, Instant.now()));
    }

    /**
     * The first hop could not be published: the notice was never sent, so it is withdrawn. Returns
     * false if the outbox had published it meanwhile, in which case it stands.
     */
    public boolean withdraw(Submission submission) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long removed = OutboxRecord.delete("eventId", submission.firstHops().get(0).eventId);
            if (removed == 0) {
                return false;
            }
            SentNotice.deleteById(submission.notice().id);
            return true;
        });
    }

    /** What a channel handed to a ministry: a notice for it, or a receipt for one it sent. */
    public List<Emission> onDelivery(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DELIVERED -> receive(hop);
            case RECEIPT_DELIVERED -> recordReceipt(hop);
            default -> List.of();
        };
    }

    private List<Emission> receive(HopEvent hop) {
        Notice notice = hop.notice();
        if (notice == null) {
            throw new PoisonRecordException("a delivered notice must carry the notice");
        }
        HopEvent acknowledged = hop.next(HopType.NOTICE_ACKNOWLEDGED, SERVICE, Party.ministry(notice.to()), hop.from())
                .seal();
        ReceivedNotice received = new ReceivedNotice();
        received.id = hop.noticeId();
        received.content = NoticeContent.of(notice);
        received.channel = hop.channel();
        received.deliveredBy = hop.from();
        received.deliveredAt = hop.at();
        received.acknowledgedAt = acknowledged.at();
        received.persist();

        SentNotice.<SentNotice>findByIdOptional(hop.noticeId())
                .ifPresent(sent -> sent.advance(NoticeStatus.DELIVERED, hop.at()));
        return List.of(Emission.of(hop.channel().dispatchTopic(), acknowledged));
    }

    private List<Emission> recordReceipt(HopEvent hop) {
        SentNotice sent = SentNotice.findById(hop.noticeId());
        if (sent == null) {
            throw new PoisonRecordException("a receipt for notice " + hop.noticeId() + ", which no ministry here sent");
        }
        sent.receiptOutcome = NoticeStatus.ACKNOWLEDGED.name();
        sent.receiptAt = hop.at();
        sent.advance(NoticeStatus.ACKNOWLEDGED, hop.at());
        String ministry = Party.ministry(sent.content.fromState);
        HopEvent recorded = hop.next(HopType.RECEIPT_RECORDED, SERVICE, ministry, ministry).seal();
        LOG.debugf("notice %s acknowledged by %s", sent.id, sent.content.toState);
        return List.of(Emission.of(Topics.NOTICES, recorded));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
