package org.chancery.ministry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopGrammar;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Ids;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.messaging.ConsumedHop;
import org.chancery.messaging.Emission;
import org.chancery.messaging.HopHandler;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.entity.StatusChange;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.NoticeStore;
import org.chancery.ministry.service.NoticeMetrics.Outcome;

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
public class Ministry implements HopHandler {

    private static final String SERVICE = "foreign-ministry";
    /** The hops of a sent notice whose standing a batch reads, locked, before handling them. */
    private static final Set<HopType> ABOUT_SENT_NOTICES =
            EnumSet.of(HopType.NOTICE_DELIVERED, HopType.NOTICE_FAILED, HopType.RECEIPT_DELIVERED);
    /** The hops that answer an attempt of a sent notice, and must fit it ({@link HopGrammar}). */
    private static final Set<HopType> ANSWERING = EnumSet.of(HopType.NOTICE_FAILED, HopType.RECEIPT_DELIVERED);

    @Inject
    Planning planning;

    @Inject
    Outbox outbox;

    @Inject
    NoticeStore store;

    @Inject
    ObjectMapper json;

    @Inject
    NoticeMetrics metrics;

    @Inject
    Intake intake;

    @Inject
    Backlog backlog;

    @Inject
    Sealing sealing;

    @Inject
    Regimes regimes;

    /** What became of a notice handed in. */
    public sealed interface Submission {
        /** On its way: its first hop is on the broker. */
        record Accepted(SentNotice notice, List<StatusChange> history, List<Attempt> attempts) implements Submission {
        }

        /** Not sent: the broker did not take its first hop, and nothing of it was kept. */
        record BrokerUnavailable() implements Submission {
        }
    }

    /** What became of a circular note handed in. */
    public sealed interface Circulation {
        /** On its way: the copies whose first hops are on the broker (those the broker did not take are not among them). */
        record Accepted(Circular circular, List<Submission.Accepted> copies) implements Circulation {
        }

        /** Not sent: the broker took no copy, and nothing of the circular was kept. */
        record BrokerUnavailable() implements Circulation {
        }
    }

    /**
     * Takes a notice in: stores it with its plan, its first attempt and its first hop, and hands the
     * hop to the broker ({@link Intake}: one transaction and one wait for many notices). It is
     * accepted once the broker has the hop; if the broker does not take it, the notice is withdrawn
     * as if it had never been sent (unless the outbox published it meanwhile, in which case it stands).
     * The answer completes when that is known; nothing waits for it meanwhile.
     */
    public CompletableFuture<Submission> submit(Notice notice, List<Route> plan) {
        Prepared prepared = prepare(notice, plan);
        return intake.take(prepared.lane(), prepared.offer())
                .thenApply(taken -> taken ? accepted(prepared) : new Submission.BrokerUnavailable());
    }

    /**
     * Takes a circular note in: the circular first, then a copy to each recipient, by the plan made
     * for it, all handed to the broker together. Each copy is accepted or withdrawn as {@link #submit}
     * would; if none is accepted, the circular is withdrawn too.
     */
    public CompletableFuture<Circulation> circulate(Notice notice, Map<String, List<Route>> plans) {
        Circular circular = new Circular();
        circular.id = Ids.next();
        circular.fromState = notice.from();
        circular.recipients = String.join(" ", plans.keySet());
        circular.kind = notice.kind();
        circular.precedence = notice.precedence();
        circular.classification = notice.classification();
        circular.subject = notice.subject();
        circular.regime = notice.regime();
        circular.acceptedAt = Instant.now();
        QuarkusTransaction.requiringNew().run(circular::persist);
        List<Prepared> copies = plans.entrySet().stream()
                .map(p -> prepare(notice.addressedTo(p.getKey()).in(circular.id), p.getValue())).toList();
        return intake.takeAll(Lane.of(notice.precedence()), copies.stream().map(Prepared::offer).toList()).thenApply(taken -> {
            List<Submission.Accepted> accepted = new ArrayList<>();
            for (int i = 0; i < copies.size(); i++) {
                if (taken.get(i)) {
                    accepted.add(accepted(copies.get(i)));
                }
            }
            if (accepted.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> Circular.deleteById(circular.id));
                return new Circulation.BrokerUnavailable();
            }
            return new Circulation.Accepted(circular, accepted);
        });
    }

    /** A notice ready to be taken in: its rows, its first hop, and what the sender is told once it is. */
    private record Prepared(Lane lane, Intake.Offer offer, SentNotice sent, List<NoticeChanges.StatusEntry> history,
            Attempt first, Channel channel) {
    }

    private Submission.Accepted accepted(Prepared p) {
        metrics.count(Outcome.ACCEPTED, p.channel());
        backlog.taken(p.lane(), p.sent().content.fromState, 1);
        return new Submission.Accepted(p.sent(), p.history().stream().map(Ministry::statusChange).toList(),
                List.of(p.first()));
    }

    private Prepared prepare(Notice notice, List<Route> plan) {
        UUID id = Ids.next();
        Notice sealed = sealing.seal(id, notice);
        HopEvent dispatch = HopEvent.first(id, SERVICE, Party.ministry(notice.from()), plan.get(0).via().get(0), sealed,
                plan);
        Instant at = dispatch.at();
        SentNotice sent = new SentNotice();
        sent.id = id;
        sent.content = NoticeContent.of(sealed, notice.body());
        sent.sealedBody = sealed.body();
        sent.deliverBy = notice.deliverBy();
        sent.regime = notice.regime();
        sent.eventAt = notice.eventAt();
        sent.lateOwed = notice.late() == null ? null : notice.late().owed();
        sent.lateGave = notice.late() == null ? null : notice.late().gave();
        sent.circularId = notice.circular();
        sent.plan = toJson(plan);
        sent.acceptedAt = at;
        // The notice is in transit once the broker has its first hop; until then it exists for no
        // one but this request, and is deleted again if the broker does not take the hop.
        sent.status = NoticeStatus.reachedBy(dispatch.type(), null).orElseThrow();
        List<NoticeChanges.StatusEntry> history = List.of(
                new NoticeChanges.StatusEntry(id, NoticeStatus.ACCEPTED, at, plan.get(0).reason()
                        + (notice.late() == null ? "" : "; " + Regimes.late(notice.regime(), notice.late()))),
                new NoticeChanges.StatusEntry(id, sent.status, at, null));
        Lane lane = Lane.of(notice.precedence());
        OutboxRecord hop = outbox.records(List.of(Emission.of(HopTopic.dispatch(dispatch.channel()), dispatch, lane)))
                .get(0);
        Attempt first = Attempt.of(dispatch, hop.payload(), planning.escalateAt(at, notice.precedence(),
                notice.deliverBy()));
        return new Prepared(lane, new Intake.Offer(new NoticeStore.Taken(sent, history, first), hop), sent, history,
                first, dispatch.channel());
    }

    private static StatusChange statusChange(NoticeChanges.StatusEntry entry) {
        StatusChange change = new StatusChange();
        change.noticeId = entry.noticeId();
        change.status = entry.status();
        change.at = entry.at();
        change.detail = entry.detail();
        return change;
    }

    /** A sealed note from Washington, delivered to Berlin by the embassy: opened, kept and answered. */
    @Override
    public List<HopEvent> rehearsal() {
        HopEvent dispatched = Rehearsals.dispatched(Rehearsals.notice("USA", "DEU", Precedence.ROUTINE),
                Channel.EMBASSY, Party.embassy("USA", "DEU"));
        return List.of(dispatched.next(HopType.NOTICE_DELIVERED, Channel.EMBASSY.service(), dispatched.to(),
                Party.ministry("DEU")).notice(sealing.seal(dispatched.noticeId(), dispatched.notice())).seal());
    }

    @Override
    public Work begin(List<ConsumedHop> hops) {
        Map<UUID, Standing> sent = store.lock(hops.stream().map(ConsumedHop::hop)
                .filter(h -> ABOUT_SENT_NOTICES.contains(h.type())).map(HopEvent::noticeId).distinct().toList());
        List<UUID> answered = hops.stream().map(ConsumedHop::hop).filter(h -> ANSWERING.contains(h.type()))
                .map(HopEvent::noticeId).filter(sent::containsKey).distinct().toList();
        return new Deliveries(sent, store.answerable(answered));
    }

    /** What channels hand to ministries in one batch: notices for them, failures, receipts for ones they sent. */
    private final class Deliveries implements Work {
        private final Map<UUID, Standing> sent;
        private final Map<UUID, NoticeStore.Answerable> answerable;
        private NoticeChanges changes = new NoticeChanges();

        Deliveries(Map<UUID, Standing> sent, Map<UUID, NoticeStore.Answerable> answerable) {
            this.sent = sent;
            this.answerable = answerable;
        }

        @Override
        public List<Emission> handle(ConsumedHop consumed) {
            HopEvent hop = consumed.hop();
            return switch (hop.type()) {
                case NOTICE_DELIVERED -> receive(hop);
                case NOTICE_FAILED -> reroute(hop);
                case RECEIPT_DELIVERED -> recordReceipt(hop);
                default -> List.of();
            };
        }

        @Override
        public void finish() {
            store.write(changes);
        }

        /** The receiving ministry answers a delivered notice, and the sender learns it was delivered. */
        private List<Emission> receive(HopEvent hop) {
            Notice notice = hop.notice();
            if (notice == null) {
                throw new PoisonRecordException("a delivered notice must carry the notice");
            }
            mustActUnderMandate(hop, notice.from(), notice.to(), notice.kind());
            String body = sealing.open(hop.noticeId(), notice);
            Optional<String> returned = planning.returnRules().reasonToReturn(notice);
            ReceiptOutcome outcome = returned.isPresent() ? ReceiptOutcome.REJECTED : ReceiptOutcome.ACKNOWLEDGED;
            HopEvent.Draft reply = hop.next(returned.isPresent() ? HopType.NOTICE_REJECTED : HopType.NOTICE_ACKNOWLEDGED,
                    SERVICE, Party.ministry(notice.to()), hop.from()).receipt(outcome, returned.orElse(null));
            // Where the deliverer's name does not say whose the notice was, the answer carries it home.
            if (Party.answerCarriesNotice(hop.from(), notice)) {
                reply.notice(notice);
            }
            HopEvent answer = reply.seal();

            ReceivedNotice received = new ReceivedNotice();
            received.id = hop.noticeId();
            received.content = NoticeContent.of(notice, body);
            received.channel = hop.channel();
            received.deliveredBy = hop.from();
            received.deliveredAt = hop.at();
            received.receiptOutcome = outcome;
            received.receiptReason = returned.orElse(null);
            received.receiptAt = answer.at();
            changes.received(received);

            Standing standing = sent.get(hop.noticeId());
            if (standing != null) {
                changes.delivered(standing.id(), hop.attempt(), hop.at());
                if (changes.reached(standing, hop, "by " + hop.channel() + " (" + hop.from() + ")")) {
                    metrics.count(Outcome.DELIVERED, hop.channel());
                }
            }
            return List.of(Emission.of(HopTopic.dispatch(hop.channel()), answer));
        }

        /** A channel could not deliver: try the next route, unless another is under way or none is left. */
        private List<Emission> reroute(HopEvent failure) {
            Standing standing = standing(failure);
            NoticeStore.Answerable answered = answerable.get(standing.id());
            mustFit(failure, HopGrammar.failure(failure, answered.channels().get(failure.attempt()),
                    answered.vias().get(failure.attempt())));
            changes.settle(standing.id(), failure.attempt(), AttemptState.FAILED, failure.reason(), failure.at());
            // The attempts as they stand now, this batch's changes included.
            store.write(changes);
            changes = new NoticeChanges();
            List<Attempt> attempts = store.attempts(standing.id());
            if (standing.status().isFinal() || attempts.stream().anyMatch(a -> a.state.open())) {
                return List.of();
            }
            SentNotice whole = store.whole(standing.id(), false).orElseThrow();
            List<Route> plan = plan(whole);
            int tried = attempts.stream().mapToInt(a -> a.number).max().orElse(0);
            if (tried < plan.size()) {
                return List.of(dispatchNext(changes, whole, failure, plan, tried + 1,
                        "re-routed: " + failure.channel() + " could not deliver (" + failure.reason() + ")"));
            }
            String why = "every planned route failed; the last: " + failure.reason();
            String ministry = Party.ministry(standing.fromState());
            HopEvent undeliverable = failure.next(HopType.NOTICE_UNDELIVERABLE, SERVICE, ministry, ministry)
                    .reason(why).seal();
            changes.fail(standing, undeliverable);
            metrics.count(Outcome.FAILED, failure.channel());
            return List.of(Emission.of(HopTopic.NOTICES, undeliverable));
        }

        /** The receipt is back: the first one decides the notice; each is recorded, closing its path. */
        private List<Emission> recordReceipt(HopEvent hop) {
            Standing standing = standing(hop);
            NoticeStore.Answerable answered = answerable.get(standing.id());
            mustFit(hop, HopGrammar.receipt(hop, answered.channels().get(hop.attempt()), answered.given()));
            if (!Party.ministry(standing.fromState()).equals(hop.to())) {
                mustFit(hop, Optional.of(new HopGrammar.Violation(HopGrammar.Breach.WRONG_PARTY,
                        "a receipt for the ministry of " + standing.fromState() + " delivered to " + hop.to())));
            }
            mustActUnderMandate(hop, standing.fromState(), standing.toState(), standing.kind());
            ReceiptOutcome outcome = hop.receiptOutcome();
            String ministry = Party.ministry(standing.fromState());
            HopEvent recorded = hop.next(HopType.RECEIPT_RECORDED, SERVICE, ministry, ministry)
                    .receipt(outcome, hop.reason()).seal();
            changes.settle(standing.id(), hop.attempt(), outcome == ReceiptOutcome.REJECTED ? AttemptState.REJECTED
                    : AttemptState.ACKNOWLEDGED, hop.reason(), hop.at());
            Optional<String> late = lateness(standing, hop);
            String detail = outcome == ReceiptOutcome.REJECTED ? hop.reason() : "by " + hop.channel();
            String detailed = late.map(why -> (detail == null ? "" : detail + "; ") + "late: " + why).orElse(detail);
            if (!changes.receipt(standing, recorded, detailed)) {
                return List.of(Emission.of(HopTopic.NOTICES, recorded));
            }
            metrics.count(outcome == ReceiptOutcome.REJECTED ? Outcome.REJECTED : Outcome.ACKNOWLEDGED, hop.channel());
            if (late.isEmpty()) {
                return List.of(Emission.of(HopTopic.NOTICES, recorded));
            }
            HopEvent lateReceipt = recorded.next(HopType.RECEIPT_LATE, SERVICE, ministry, ministry).reason(late.get()).seal();
            return List.of(Emission.of(HopTopic.NOTICES, recorded), Emission.of(HopTopic.NOTICES, lateReceipt));
        }

        /** Why the receipt is late, if the notice's regime wants it back within a window it missed. */
        private Optional<String> lateness(Standing standing, HopEvent receipt) {
            Optional<Regimes.Regime> regime = regimes.find(standing.regime()).filter(r -> r.ackWindow() != null);
            if (regime.isEmpty() || standing.acceptedAt() == null) {
                return Optional.empty();
            }
            Duration took = Duration.between(standing.acceptedAt(), receipt.at());
            Duration window = regime.get().ackWindow();
            return took.compareTo(window) <= 0 ? Optional.empty()
                    : Optional.of("the receipt came " + Regimes.human(took) + " after the notice, past the "
                            + Regimes.human(window) + " " + regime.get().id() + " allows");
        }

        /** A receipt or a failure that breaks the grammar of its path is refused: dead-lettered, by name. */
        private void mustFit(HopEvent hop, Optional<HopGrammar.Violation> violation) {
            violation.ifPresent(v -> {
                throw new PoisonRecordException(v.breach() + ": " + hop.type().ceType() + " from " + hop.from()
                        + ", but " + v.detail());
            });
        }

        /** A hop of the third-state channels is taken only from a state that holds a mandate for the pair. */
        private void mustActUnderMandate(HopEvent hop, String sending, String receiving, NoticeKind kind) {
            if (!Channel.PROTECTING_POWER.service().equals(hop.service())) {
                return;
            }
            Optional<String> refusal;
            try {
                refusal = planning.thirdStateRefusal(hop.from(), sending, receiving, kind);
            } catch (IllegalArgumentException e) {
                refusal = Optional.of(e.getMessage());
            }
            if (refusal.isPresent()) {
                throw new PoisonRecordException("FORGED: not under a mandate: " + hop.type().ceType() + " from "
                        + hop.from() + ", but " + refusal.get());
            }
        }

        private Standing standing(HopEvent hop) {
            Standing standing = sent.get(hop.noticeId());
            if (standing == null) {
                throw new PoisonRecordException(hop.type().ceType() + " for notice " + hop.noticeId()
                        + ", which no ministry here sent");
            }
            return standing;
        }
    }

    /**
     * Escalates the routes that went too long without a receipt, and marks overdue the notices
     * whose deadline passed. Runs in the caller's transaction; returns the hops to publish. What
     * another transaction holds (a batch handling the same notice) is left for the next round.
     */
    public List<OutboxRecord> keepDeadlines(Instant now) {
        NoticeChanges changes = new NoticeChanges();
        List<Emission> emissions = new ArrayList<>();
        for (Attempt due : store.dueForEscalation(now, 200)) {
            Optional<SentNotice> locked = store.whole(due.noticeId, true);
            if (locked.isEmpty()) {
                continue;
            }
            SentNotice sent = locked.get();
            changes.stopEscalating(sent.id);
            List<Route> plan = plan(sent);
            int latest = store.attempts(sent.id).stream().mapToInt(a -> a.number).max().orElse(0);
            if (sent.status.isFinal() || due.number != latest || latest >= plan.size()) {
                continue;
            }
            emissions.add(dispatchNext(changes, sent, due.dispatch(), plan, latest + 1, "escalated: no receipt by "
                    + due.channel + " since " + due.dispatchedAt).inLane(Lane.of(sent.content.precedence)));
        }
        for (SentNotice sent : store.overdue(now, 200)) {
            String why = "no receipt by the deadline, " + sent.deliverBy;
            HopEvent latest = store.attempts(sent.id).stream().max(Comparator.comparingInt(a -> a.number))
                    .orElseThrow().dispatch();
            String ministry = Party.ministry(sent.content.fromState);
            HopEvent overdue = latest.next(HopType.NOTICE_OVERDUE, SERVICE, ministry, ministry).reason(why).seal();
            changes.reached(Standing.of(sent), overdue, why);
            metrics.count(Outcome.OVERDUE, latest.channel());
            emissions.add(Emission.of(HopTopic.NOTICES, overdue, Lane.of(sent.content.precedence)));
        }
        store.write(changes);
        return outbox.store(outbox.records(emissions));
    }

    private Emission dispatchNext(NoticeChanges changes, SentNotice sent, HopEvent parent, List<Route> plan, int number,
            String why) {
        Route route = plan.get(number - 1);
        HopEvent dispatch = parent.next(HopType.NOTICE_DISPATCHED, SERVICE, Party.ministry(sent.content.fromState),
                        route.via().get(0))
                .attempt(route.channel(), number).notice(sent.notice()).plan(plan).reason(why).seal();
        changes.attempt(Attempt.of(dispatch, planning.escalateAt(dispatch.at(), sent.content.precedence, sent.deliverBy)));
        metrics.count(Outcome.REROUTED, route.channel());
        return Emission.of(HopTopic.dispatch(route.channel()), dispatch);
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
