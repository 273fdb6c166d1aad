package org.chancery.ministry.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chancery.events.Lane;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.ministry.repository.NoticeStore;
import org.jboss.logging.Logger;

/**
 * The {@link Intake}'s writers, by group commit: the notices handed in while the previous group was
 * being written are stored together, in one transaction, and their first hops go to the broker
 * together, with one wait. Each is answered once the broker has its hop, and no thread waits for it
 * meanwhile (under a flood, the request threads stay free to answer, refusals first); one the broker
 * did not take is withdrawn alone. Each lane has its own writer, so an urgent notice never waits
 * behind a group of routine ones.
 */
@ApplicationScoped
public class IntakeWriters {

    private static final Logger LOG = Logger.getLogger(IntakeWriters.class);
    /** The most notices one group writes. */
    private static final int GROUP = 256;

    @Inject
    NoticeStore store;

    @Inject
    Outbox outbox;

    /** A notice waiting to be written: what to store, its first hop, and the answer to its request. */
    record Pending(NoticeStore.Taken notice, OutboxRecord firstHop, CompletableFuture<Boolean> accepted) {
    }

    private final Map<Lane, BlockingQueue<Pending>> queues = new EnumMap<>(Lane.class);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    void start(@Observes StartupEvent event) {
        for (Lane lane : Lane.values()) {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.put(lane, queue);
            Thread writer = new Thread(() -> write(queue), "intake-" + lane.suffix());
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** A notice to take in: what to store, and its first hop. */
    record Offer(NoticeStore.Taken notice, OutboxRecord firstHop) {
    }

    /**
     * Stores the notice and hands its first hop to the broker, without waiting: true once the broker
     * has it, false if the broker did not take it (the notice is then gone, as if never sent). A
     * database that cannot be written fails it with its cause.
     */
    CompletableFuture<Boolean> take(Lane lane, Offer offer) {
        return takeAll(lane, List.of(offer)).thenApply(taken -> taken.get(0));
    }

    /**
     * Takes several notices in at once, as one group when they fit in one: for each, in order,
     * whether the broker has its first hop.
     */
    CompletableFuture<List<Boolean>> takeAll(Lane lane, List<Offer> offers) {
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(offers.size());
        for (Offer offer : offers) {
            CompletableFuture<Boolean> accepted = new CompletableFuture<>();
            answers.add(accepted);
            queues.get(lane).add(new Pending(offer.notice(), offer.firstHop(), accepted));
        }
        CompletableFuture<List<Boolean>> all = new CompletableFuture<>();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure == null) {
                all.complete(answers.stream().map(CompletableFuture::join).toList());
            } else {
                all.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
        });
        return all;
    }

    private void write(BlockingQueue<Pending> queue) {
        List<Pending> group = new ArrayList<>(GROUP);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("a group of %d notice(s) could not be taken in: %s", group.size(), e.toString());
                group.forEach(p -> p.accepted().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        queue.forEach(p -> p.accepted().completeExceptionally(new IllegalStateException("the ministry is stopping")));
    }

    private void write(List<Pending> group) {
        List<OutboxRecord> hops = group.stream().map(Pending::firstHop).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            store.accept(group.stream().map(Pending::notice).toList());
            outbox.store(hops);
        });
        List<OutboxRecord> unpublished = outbox.publishEach(hops);
        for (Pending pending : group) {
            if (!unpublished.contains(pending.firstHop())) {
                pending.accepted().complete(true);
            }
        }
        for (Pending pending : group) {
            if (unpublished.contains(pending.firstHop())) {
                pending.accepted().complete(!withdraw(pending));
            }
        }
    }

    /** Removes a notice the broker did not take; false if the outbox published it meanwhile, so it stands. */
    private boolean withdraw(Pending pending) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> outbox.withdraw(pending.firstHop().eventId())
                    && store.delete(List.of(pending.notice().notice().id)) == 1);
        } catch (RuntimeException e) {
            // Left in the outbox, the sweeper publishes it: the notice stands.
            LOG.warnf("notice %s not withdrawn (%s); the outbox publishes it later", pending.notice().notice().id, e);
            return false;
        }
    }
}
