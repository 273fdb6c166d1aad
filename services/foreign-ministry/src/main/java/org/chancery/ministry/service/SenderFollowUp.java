package org.chancery.ministry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chancery.events.HopEvent;
import org.chancery.events.HopGrammar;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.messaging.Emission;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.domain.Escalation;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.NoticeStore;
import org.chancery.ministry.service.NoticeMetrics.Outcome;

/**
 * The sending ministry following its notice up: it learns the notice was delivered; when a channel
 * cannot deliver, it tries the next route, and when every route has failed, the notice has failed;
 * the first receipt back decides the notice, and one later than its regime allows is marked late.
 * Each decision is a function of the hop and of the notice as it stands (the static methods); the
 * rest reads and checks.
 */
@ApplicationScoped
public class SenderFollowUp {

    @Inject
    NoticeStore store;

    @Inject
    Planning planning;

    @Inject
    Regimes regimes;

    @Inject
    StoredPlans plans;

    @Inject
    NoticeMetrics metrics;

    /** The receiving ministry has the notice ({@code sent}: null unless sent from here). */
    public void delivered(HopEvent delivered, Standing sent, NoticeChanges changes) {
        delivered(delivered, sent, changes, metrics);
    }

    static void delivered(HopEvent delivered, Standing sent, NoticeChanges changes, Tally tally) {
        if (sent == null) {
            return;
        }
        changes.delivered(sent.id(), delivered.attempt(), delivered.at());
        if (changes.reached(sent, delivered, "by " + delivered.channel() + " (" + delivered.from() + ")")) {
            tally.count(Outcome.DELIVERED, delivered.channel());
        }
    }

    /** A channel could not deliver: try the next route, unless another is under way or none is left. */
    List<Emission> reroute(HopEvent failure, Standing sent, NoticeStore.Answerable answered, BatchChanges batch) {
        HopChecks.mustFit(failure, HopGrammar.failure(failure, answered.channels().get(failure.attempt()),
                answered.vias().get(failure.attempt())));
        batch.now().settle(sent.id(), failure.attempt(), AttemptState.FAILED, failure.reason(), failure.at());
        // The attempts as they stand now, this batch's changes included.
        batch.write(store);
        List<Attempt> attempts = store.attempts(sent.id());
        if (!nextRouteDue(sent, attempts)) {
            return List.of();
        }
        SentNotice whole = store.whole(sent.id(), false).orElseThrow();
        return List.of(nextRouteOrFail(failure, sent, whole, plans.read(whole), attempts, batch.now(),
                planning.escalation(), metrics));
    }

    /** Whether, after a failure, the next route is due: the notice is open, and no attempt of it is under way. */
    static boolean nextRouteDue(Standing sent, List<Attempt> attempts) {
        return !sent.status().isFinal() && attempts.stream().noneMatch(a -> a.state.open());
    }

    /** The next route of the plan after the last tried; or, when every route has been tried, the notice fails. */
    static Emission nextRouteOrFail(HopEvent failure, Standing sent, SentNotice whole, List<Route> plan,
            List<Attempt> attempts, NoticeChanges changes, Escalation escalation, Tally tally) {
        int tried = attempts.stream().mapToInt(a -> a.number).max().orElse(0);
        if (tried < plan.size()) {
            return dispatchNext(changes, whole, failure, plan, tried + 1,
                    "re-routed: " + failure.channel() + " could not deliver (" + failure.reason() + ")", escalation,
                    tally);
        }
        String why = "every planned route failed; the last: " + failure.reason();
        String ministry = Party.ministry(sent.fromState());
        HopEvent undeliverable = failure.next(HopType.NOTICE_UNDELIVERABLE, HopType.MINISTRY_SERVICE, ministry, ministry)
                .reason(why).seal();
        changes.fail(sent, undeliverable);
        tally.count(Outcome.FAILED, failure.channel());
        return Emission.of(HopTopic.NOTICES, undeliverable);
    }

    /** The notice dispatched again, by route {@code number} of its plan: a new attempt, escalated in its time. */
    static Emission dispatchNext(NoticeChanges changes, SentNotice sent, HopEvent parent, List<Route> plan,
            int number, String why, Escalation escalation, Tally tally) {
        Route route = plan.get(number - 1);
        HopEvent dispatch = parent.next(HopType.NOTICE_DISPATCHED, HopType.MINISTRY_SERVICE,
                        Party.ministry(sent.content.fromState), route.via().get(0))
                .attempt(route.channel(), number).notice(sent.notice()).plan(plan).reason(why).seal();
        changes.attempt(Attempt.of(dispatch, escalation.at(dispatch.at(), sent.content.precedence, sent.deliverBy)));
        tally.count(Outcome.REROUTED, route.channel());
        return Emission.of(HopTopic.dispatch(route.channel()), dispatch);
    }

    /** The receipt is back: checked against the path it answers and the sender it is for, then recorded. */
    List<Emission> recordReceipt(HopEvent receipt, Standing sent, NoticeStore.Answerable answered,
            NoticeChanges changes) {
        HopChecks.mustFit(receipt, HopGrammar.receipt(receipt, answered.channels().get(receipt.attempt()),
                answered.given()));
        if (!Party.ministry(sent.fromState()).equals(receipt.to())) {
            HopChecks.mustFit(receipt, Optional.of(new HopGrammar.Violation(HopGrammar.Breach.WRONG_PARTY,
                    "a receipt for the ministry of " + sent.fromState() + " delivered to " + receipt.to())));
        }
        HopChecks.mustActUnderMandate(planning, receipt, sent.fromState(), sent.toState(), sent.kind());
        return recordReceipt(receipt, sent, answered.channels().keySet(), regimes.find(sent.regime()), changes,
                metrics);
    }

    /**
     * The first receipt decides the notice; each is recorded, closing its path; one past the regime's
     * window is late. {@code attempts}: the numbers of the notice's attempts.
     */
    static List<Emission> recordReceipt(HopEvent receipt, Standing sent, Set<Integer> attempts,
            Optional<Regimes.Regime> regime, NoticeChanges changes, Tally tally) {
        ReceiptOutcome outcome = receipt.receiptOutcome();
        String ministry = Party.ministry(sent.fromState());
        HopEvent recorded = receipt.next(HopType.RECEIPT_RECORDED, HopType.MINISTRY_SERVICE, ministry, ministry)
                .receipt(outcome, receipt.reason()).seal();
        changes.settle(sent.id(), receipt.attempt(), outcome == ReceiptOutcome.REJECTED ? AttemptState.REJECTED
                : AttemptState.ACKNOWLEDGED, receipt.reason(), receipt.at());
        Optional<String> late = lateness(sent, receipt, regime);
        String detail = outcome == ReceiptOutcome.REJECTED ? receipt.reason() : "by " + receipt.channel();
        String detailed = late.map(why -> (detail == null ? "" : detail + "; ") + "late: " + why).orElse(detail);
        if (!changes.receipt(sent, recorded, detailed)) {
            return List.of(Emission.of(HopTopic.NOTICES, recorded));
        }
        // The settlement above ends this attempt's escalation; only a notice with others needs the
        // statement that looks for theirs (most have one attempt, and it then changed nothing).
        if (attempts.stream().anyMatch(number -> number != receipt.attempt())) {
            changes.stopEscalating(sent.id());
        }
        tally.count(outcome == ReceiptOutcome.REJECTED ? Outcome.REJECTED : Outcome.ACKNOWLEDGED, receipt.channel());
        if (late.isEmpty()) {
            return List.of(Emission.of(HopTopic.NOTICES, recorded));
        }
        HopEvent lateReceipt = recorded.next(HopType.RECEIPT_LATE, HopType.MINISTRY_SERVICE, ministry, ministry)
                .reason(late.get()).seal();
        return List.of(Emission.of(HopTopic.NOTICES, recorded), Emission.of(HopTopic.NOTICES, lateReceipt));
    }

    /** Why the receipt is late, if the notice's regime wants it back within a window it missed. */
    static Optional<String> lateness(Standing sent, HopEvent receipt, Optional<Regimes.Regime> regime) {
        Optional<Regimes.Regime> windowed = regime.filter(r -> r.ackWindow() != null);
        if (windowed.isEmpty() || sent.acceptedAt() == null) {
            return Optional.empty();
        }
        Duration took = Duration.between(sent.acceptedAt(), receipt.at());
        Duration window = windowed.get().ackWindow();
        return took.compareTo(window) <= 0 ? Optional.empty()
                : Optional.of("the receipt came " + Regimes.human(took) + " after the notice, past the "
                        + Regimes.human(window) + " " + windowed.get().id() + " allows");
    }
}
