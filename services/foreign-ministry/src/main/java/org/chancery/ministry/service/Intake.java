package org.chancery.ministry.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Ids;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Party;
import org.chancery.events.Route;
import org.chancery.messaging.Emission;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.entity.StatusChange;
import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoteNumbers;
import org.chancery.ministry.repository.NoticeStore;
import org.chancery.ministry.service.NoticeMetrics.Outcome;

/**
 * Takes notices in: each is sealed, stored with its plan, its first attempt and its first hop, and
 * the hop handed to the broker, many notices at once ({@link IntakeWriters}). A notice is accepted
 * once the broker has its hop.
 */
@ApplicationScoped
public class Intake {

    @Inject
    IntakeWriters writers;

    @Inject
    Outbox outbox;

    @Inject
    Planning planning;

    @Inject
    Sealing sealing;

    @Inject
    StoredPlans plans;

    @Inject
    NoticeMetrics metrics;

    @Inject
    Backlog backlog;

    @Inject
    NoteNumbers numbers;

    /** What became of a notice handed in. */
    public sealed interface Submission {
        /** On its way: its first hop is on the broker. {@code plan}: its routes, as planned. */
        record Accepted(SentNotice notice, List<Route> plan, List<StatusChange> history, List<Attempt> attempts)
                implements Submission {
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
     * hop to the broker (one transaction and one wait for many notices). It is accepted once the
     * broker has the hop; if the broker does not take it, the notice is withdrawn as if it had never
     * been sent (unless the outbox published it meanwhile, in which case it stands). The answer
     * completes when that is known; nothing waits for it meanwhile.
     */
    public CompletableFuture<Submission> submit(Notice notice, List<Route> plan) {
        Prepared prepared = prepare(notice.numbered(numbers.next(notice.from(), Instant.now())), plan);
        return writers.take(prepared.lane(), prepared.offer())
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
        // One note to several states: one number, which each copy carries.
        circular.reference = numbers.next(notice.from(), circular.acceptedAt);
        QuarkusTransaction.requiringNew().run(circular::persist);
        Notice numbered = notice.numbered(circular.reference).in(circular.id);
        List<Prepared> copies = plans.entrySet().stream()
                .map(p -> prepare(numbered.addressedTo(p.getKey()), p.getValue())).toList();
        List<IntakeWriters.Offer> offers = copies.stream().map(Prepared::offer).toList();
        return writers.takeAll(Lane.of(notice.precedence()), offers).thenApply(taken -> {
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
    private record Prepared(Lane lane, IntakeWriters.Offer offer, SentNotice sent, List<Route> plan,
            List<NoticeChanges.StatusEntry> history, Attempt first, Channel channel) {
    }

    private Submission.Accepted accepted(Prepared p) {
        metrics.count(Outcome.ACCEPTED, p.channel());
        backlog.taken(p.lane(), p.sent().content.fromState, 1);
        return new Submission.Accepted(p.sent(), p.plan(), p.history().stream().map(Intake::statusChange).toList(),
                List.of(p.first()));
    }

    private Prepared prepare(Notice notice, List<Route> plan) {
        UUID id = Ids.next();
        Notice sealed = sealing.seal(id, notice);
        HopEvent dispatch = HopEvent.first(id, HopType.MINISTRY_SERVICE, Party.ministry(notice.from()),
                plan.get(0).via().get(0), sealed, plan);
        SentNotice sent = sentNotice(id, notice, sealed, plans.write(plan), dispatch);
        List<NoticeChanges.StatusEntry> history = history(sent, notice, plan.get(0));
        Lane lane = Lane.of(notice.precedence());
        OutboxRecord hop = outbox.records(List.of(Emission.of(HopTopic.dispatch(dispatch.channel()), dispatch, lane)))
                .get(0);
        Attempt first = Attempt.of(dispatch, hop.payload(), planning.escalation().at(dispatch.at(),
                notice.precedence(), notice.deliverBy()));
        return new Prepared(lane, new IntakeWriters.Offer(new NoticeStore.Taken(sent, history, first), hop), sent,
                plan, history, first, dispatch.channel());
    }

    /**
     * The row of a notice sent by its first hop, {@code dispatch}: {@code notice} as requested,
     * {@code sealed} as it travels, {@code plan} its routes as JSON.
     */
    static SentNotice sentNotice(UUID id, Notice notice, Notice sealed, String plan, HopEvent dispatch) {
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
        sent.plan = plan;
        sent.acceptedAt = dispatch.at();
        // The notice is in transit once the broker has its first hop; until then it exists for no
        // one but this request, and is deleted again if the broker does not take the hop.
        sent.status = NoticeStatus.reachedBy(dispatch.type(), null).orElseThrow();
        return sent;
    }

    /** The statuses a notice taken in has reached: accepted (by its first route, late or not), then its own. */
    static List<NoticeChanges.StatusEntry> history(SentNotice sent, Notice notice, Route first) {
        return List.of(
                new NoticeChanges.StatusEntry(sent.id, NoticeStatus.ACCEPTED, sent.acceptedAt, first.reason()
                        + (notice.late() == null ? "" : "; " + Regimes.late(notice.regime(), notice.late()))),
                new NoticeChanges.StatusEntry(sent.id, sent.status, sent.acceptedAt, null));
    }

    private static StatusChange statusChange(NoticeChanges.StatusEntry entry) {
        StatusChange change = new StatusChange();
        change.noticeId = entry.noticeId();
        change.status = entry.status();
        change.at = entry.at();
        change.detail = entry.detail();
        return change;
    }
}
