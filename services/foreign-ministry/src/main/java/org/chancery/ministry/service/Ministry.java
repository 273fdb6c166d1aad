package org.chancery.ministry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chancery.events.HopEvent;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.Party;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.domain.NoticeStatus;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.service.NoticeMetrics.Outcome;
import org.chancery.messaging.Emission;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.messaging.PoisonRecordException;

/**
 * The foreign ministries of every state: each sends notices and receives those addressed to it.
 *
 * <p>A sent notice leaves by the first route of its plan. When a channel reports that it cannot
 * deliver, the next route is tried; when a route goes too long without a receipt, the next is
 * tried beside it; when every route has failed, the notice has failed. A notice whose deadline
 * passes without a receipt is overdue. A delivered notice is acknowledged at once, or returned if
 * a return rule says so, and the receipt goes back by the channel it came by.
 */
@ApplicationScoped
public class Ministry {

    private static final String SERVICE = "foreign-ministry";

    @Inject
    Planning planning;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    NoticeMetrics metrics;

    /** A notice taken in, and its first hop waiting to be published. */
    public record Submission(SentNotice notice, List<OutboxRecord> firstHops) {
    }

    /** Stores the notice with its plan and its first hop, in one transaction. */
    @Transactional
    public Submission accept(Notice notice, List<Route> plan) {
        UUID id = UUID.randomUUID();
        HopEvent dispatch = HopEvent.first(id, SERVICE, Party.ministry(notice.from()), plan.get(0).via().get(0), notice,
                plan);
        SentNotice sent = new SentNotice();
        sent.id = id;
        sent.content = NoticeContent.of(notice);
        sent.deliverBy = notice.deliverBy();
        sent.plan = toJson(plan);
        sent.acceptedAt = dispatch.at();
        sent.status = NoticeStatus.ACCEPTED;
        sent.persist();
        sent.advance(NoticeStatus.ACCEPTED, dispatch.at(), plan.get(0).reason());
        Attempt.of(dispatch, planning.escalateAt(dispatch.at(), notice.precedence(), notice.deliverBy())).persist();
        metrics.count(Outcome.ACCEPTED, dispatch.channel(), notice.from(), notice.to());
        return new Submission(sent, outbox.store(null, List.of(Emission.of(dispatch.channel().dispatchTopic(), dispatch))));
    }

    /** The first hop is on the broker: the notice is with its channel. */
    @Transactional
    public void dispatched(UUID id) {
        SentNotice.<SentNotice>findByIdOptional(id).ifPresent(n -> n.advance(NoticeStatus.IN_TRANSIT, Instant.now(), null));
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

    /** What a channel handed to a ministry: a notice for it, a failure, or a receipt for one it sent. */
    public List<Emission> onDelivery(HopEvent hop) {
        return switch (hop.type()) {
            case NOTICE_DELIVERED -> receive(hop);
            case NOTICE_FAILED -> reroute(hop);
            case RECEIPT_DELIVERED -> recordReceipt(hop);
            default -> List.of();
        };
    }

    /** The receiving ministry answers a delivered notice, and the sender learns it was delivered. */
    private List<Emission> receive(HopEvent hop) {
        Notice notice = hop.notice();
        if (notice == null) {
            throw new PoisonRecordException("a delivered notice must carry the notice");
        }
        Optional<String> returned = planning.returnRules().reasonToReturn(notice);
        ReceiptOutcome outcome = returned.isPresent() ? ReceiptOutcome.REJECTED : ReceiptOutcome.ACKNOWLEDGED;
        HopEvent answer = hop.next(returned.isPresent() ? HopType.NOTICE_REJECTED : HopType.NOTICE_ACKNOWLEDGED,
                SERVICE, Party.ministry(notice.to()), hop.from()).receipt(outcome, returned.orElse(null)).seal();

        if (ReceivedNotice.findById(hop.noticeId()) == null) {
            ReceivedNotice received = new ReceivedNotice();
            received.id = hop.noticeId();
            received.content = NoticeContent.of(notice);
            received.channel = hop.channel();
            received.deliveredBy = hop.from();
            received.deliveredAt = hop.at();
            received.receiptOutcome = outcome;
            received.receiptReason = returned.orElse(null);
            received.receiptAt = answer.at();
            received.persist();
        }
        SentNotice.<SentNotice>findByIdOptional(hop.noticeId()).ifPresent(sent -> {
            attempt(sent, hop).filter(a -> a.state == AttemptState.IN_FLIGHT)
                    .ifPresent(a -> a.settle(AttemptState.DELIVERED, null, hop.at()));
            if (sent.advance(NoticeStatus.DELIVERED, hop.at(), "by " + hop.channel() + " (" + hop.from() + ")")) {
                metrics.count(Outcome.DELIVERED, hop.channel(), notice.from(), notice.to());
            }
        });
        return List.of(Emission.of(hop.channel().dispatchTopic(), answer));
    }

    /** A channel could not deliver: try the next route, unless another is under way or none is left. */
    private List<Emission> reroute(HopEvent failure) {
        SentNotice sent = sent(failure);
        attempt(sent, failure).ifPresent(a -> a.settle(AttemptState.FAILED, failure.reason(), failure.at()));
        List<Attempt> attempts = Attempt.of(sent.id);
        if (sent.status.isFinal() || attempts.stream().anyMatch(a -> a.state.open())) {
            return List.of();
        }
        List<Route> plan = plan(sent);
        int tried = attempts.stream().mapToInt(a -> a.number).max().orElse(0);
        if (tried < plan.size()) {
            return List.of(dispatchNext(sent, failure, plan, tried + 1,
                    "re-routed: " + failure.channel() + " could not deliver (" + failure.reason() + ")"));
        }
        String why = "every planned route failed; the last: " + failure.reason();
        sent.failureReason = why;
        sent.advance(NoticeStatus.FAILED, failure.at(), why);
        metrics.count(Outcome.FAILED, failure.channel(), sent.content.fromState, sent.content.toState);
        String ministry = Party.ministry(sent.content.fromState);
        HopEvent undeliverable = failure.next(HopType.NOTICE_UNDELIVERABLE, SERVICE, ministry, ministry).reason(why).seal();
        return List.of(Emission.of(Topics.NOTICES, undeliverable));
    }

    /** The receipt is back: the first one decides the notice; each is recorded, closing its path. */
    private List<Emission> recordReceipt(HopEvent hop) {
        SentNotice sent = sent(hop);
        ReceiptOutcome outcome = hop.receiptOutcome();
        attempt(sent, hop).ifPresent(a -> a.settle(outcome == ReceiptOutcome.REJECTED ? AttemptState.REJECTED
                : AttemptState.ACKNOWLEDGED, hop.reason(), hop.at()));
        if (!sent.status.isFinal()) {
            sent.receiptOutcome = outcome;
            sent.receiptAt = hop.at();
            sent.receiptReason = hop.reason();
            sent.advance(outcome == ReceiptOutcome.REJECTED ? NoticeStatus.REJECTED : NoticeStatus.ACKNOWLEDGED,
                    hop.at(), outcome == ReceiptOutcome.REJECTED ? hop.reason() : "by " + hop.channel());
            metrics.count(outcome == ReceiptOutcome.REJECTED ? Outcome.REJECTED : Outcome.ACKNOWLEDGED, hop.channel(),
                    sent.content.fromState, sent.content.toState);
            Attempt.of(sent.id).forEach(a -> a.escalateAt = null);
        }
        String ministry = Party.ministry(sent.content.fromState);
        HopEvent recorded = hop.next(HopType.RECEIPT_RECORDED, SERVICE, ministry, ministry)
                .receipt(outcome, hop.reason()).seal();
        return List.of(Emission.of(Topics.NOTICES, recorded));
    }

    /**
     * Escalates the routes that went too long without a receipt, and marks overdue the notices
     * whose deadline passed. Runs in the caller's transaction; returns the hops to publish.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> keepDeadlines(Instant now) {
        List<Emission> emissions = new ArrayList<>();
        List<Attempt> due = Attempt.<Attempt>find("escalateAt <= ?1 order by escalateAt", now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, 200).list();
        for (Attempt attempt : due) {
            attempt.escalateAt = null;
            SentNotice sent = SentNotice.findById(attempt.noticeId);
            List<Route> plan = plan(sent);
            int latest = Attempt.of(sent.id).stream().mapToInt(a -> a.number).max().orElse(0);
            if (sent.status.isFinal() || attempt.number != latest || latest >= plan.size()) {
                continue;
            }
            emissions.add(dispatchNext(sent, attempt.dispatch(), plan, latest + 1, "escalated: no receipt by "
                    + attempt.channel + " since " + attempt.dispatchedAt));
        }
        List<SentNotice> overdue = SentNotice.<SentNotice>find("deliverBy <= ?1 and status in ?2", now,
                        List.of(NoticeStatus.ACCEPTED, NoticeStatus.IN_TRANSIT, NoticeStatus.DELIVERED))
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, 200).list();
        for (SentNotice sent : overdue) {
            String why = "no receipt by the deadline, " + sent.deliverBy;
            sent.advance(NoticeStatus.OVERDUE, now, why);
            HopEvent latest = Attempt.of(sent.id).stream().max(Comparator.comparingInt(a -> a.number))
                    .orElseThrow().dispatch();
            metrics.count(Outcome.OVERDUE, latest.channel(), sent.content.fromState, sent.content.toState);
            String ministry = Party.ministry(sent.content.fromState);
            emissions.add(Emission.of(Topics.NOTICES,
                    latest.next(HopType.NOTICE_OVERDUE, SERVICE, ministry, ministry).reason(why).seal()));
        }
        return outbox.store(null, emissions);
    }

    private Emission dispatchNext(SentNotice sent, HopEvent parent, List<Route> plan, int number, String why) {
        Route route = plan.get(number - 1);
        HopEvent dispatch = parent.next(HopType.NOTICE_DISPATCHED, SERVICE, Party.ministry(sent.content.fromState),
                        route.via().get(0))
                .attempt(route.channel(), number).notice(sent.notice()).plan(plan).reason(why).seal();
        Attempt.of(dispatch, planning.escalateAt(dispatch.at(), sent.content.precedence, sent.deliverBy)).persist();
        metrics.count(Outcome.REROUTED, route.channel(), sent.content.fromState, sent.content.toState);
        return Emission.of(route.channel().dispatchTopic(), dispatch);
    }

    private static SentNotice sent(HopEvent hop) {
        SentNotice sent = SentNotice.findById(hop.noticeId());
        if (sent == null) {
            throw new PoisonRecordException(hop.type().ceType() + " for notice " + hop.noticeId()
                    + ", which no ministry here sent");
        }
        return sent;
    }

    private static Optional<Attempt> attempt(SentNotice sent, HopEvent hop) {
        return Optional.ofNullable(Attempt.find(sent.id, hop.attempt()));
    }

    public List<Route> plan(SentNotice sent) {
        try {
            return json.readValue(sent.plan, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan of " + sent.id + " is not JSON", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
