package org.chancery.ministry.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Party;
import org.chancery.events.Route;
import org.chancery.messaging.Emission;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.ministry.domain.Escalation;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.NoticeStore;
import org.chancery.ministry.service.NoticeMetrics.Outcome;
import org.jboss.logging.Logger;

/**
 * Every second: escalate routes gone quiet (the next route is tried beside one that went too long
 * without a receipt), mark overdue the notices whose deadline passed without one.
 */
@ApplicationScoped
public class DeadlineKeeper {

    private static final Logger LOG = Logger.getLogger(DeadlineKeeper.class);
    /** The most escalations, and the most overdue notices, one round handles. */
    private static final int ROUND = 200;

    @Inject
    NoticeStore store;

    @Inject
    Outbox outbox;

    @Inject
    Planning planning;

    @Inject
    StoredPlans plans;

    @Inject
    NoticeMetrics metrics;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void keep() {
        try {
            outbox.publish(QuarkusTransaction.requiringNew().call(() -> keepDeadlines(Instant.now())));
        } catch (RuntimeException e) {
            LOG.warnf("deadlines not kept this time, trying again: %s", e.toString());
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
        for (Attempt due : store.dueForEscalation(now, ROUND)) {
            Optional<SentNotice> locked = store.whole(due.noticeId, true);
            if (locked.isEmpty()) {
                continue;
            }
            SentNotice sent = locked.get();
            changes.stopEscalating(sent.id);
            List<Route> plan = plans.read(sent);
            int latest = store.attempts(sent.id).stream().mapToInt(a -> a.number).max().orElse(0);
            if (escalates(sent, due, latest, plan)) {
                emissions.add(escalate(sent, due, latest, plan, changes, planning.escalation(), metrics));
            }
        }
        for (SentNotice sent : store.overdue(now, ROUND)) {
            HopEvent latest = store.attempts(sent.id).stream().max(Comparator.comparingInt(a -> a.number))
                    .orElseThrow().dispatch();
            emissions.add(overdue(sent, latest, changes, metrics));
        }
        store.write(changes);
        return outbox.store(outbox.records(emissions));
    }

    /**
     * Whether an attempt due for escalation is escalated: the notice is still open, the attempt is
     * its latest ({@code latest}), and the plan has a route left.
     */
    static boolean escalates(SentNotice sent, Attempt due, int latest, List<Route> plan) {
        return !sent.status.isFinal() && due.number == latest && latest < plan.size();
    }

    /** The next route tried beside the one gone quiet, in the notice's lane. */
    static Emission escalate(SentNotice sent, Attempt due, int latest, List<Route> plan, NoticeChanges changes,
            Escalation escalation, Tally tally) {
        return SenderFollowUp.dispatchNext(changes, sent, due.dispatch(), plan, latest + 1, "escalated: no receipt by "
                + due.channel + " since " + due.dispatchedAt, escalation, tally).inLane(Lane.of(sent.content.precedence));
    }

    /** The notice is overdue: no receipt by its deadline. {@code latest}: its latest attempt's dispatch. */
    static Emission overdue(SentNotice sent, HopEvent latest, NoticeChanges changes, Tally tally) {
        String why = "no receipt by the deadline, " + sent.deliverBy;
        String ministry = Party.ministry(sent.content.fromState);
        HopEvent overdue = latest.next(HopType.NOTICE_OVERDUE, HopType.MINISTRY_SERVICE, ministry, ministry)
                .reason(why).seal();
        changes.reached(Standing.of(sent), overdue, why);
        tally.count(Outcome.OVERDUE, latest.channel());
        return Emission.of(HopTopic.NOTICES, overdue, Lane.of(sent.content.precedence));
    }
}
