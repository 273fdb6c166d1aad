package org.chancery.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.events.signing.Authenticity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one way every service consumes hops, a poll's batch at a time:
 * <ol>
 * <li>read each record once and check that the service it names signed it; a record that is not a
 * readable hop, or not genuine, is set aside for the dead-letter topic;</li>
 * <li>in one transaction: drop redeliveries with one inbox statement (and find what they emitted
 * that is not yet published), let the service's {@link HopHandler} handle each new hop in order,
 * let it write what the batch changed, and store every emitted hop in the outbox;</li>
 * <li>publish the batch's records and dead letters back to back, wait once for the broker;</li>
 * <li>report the batch done, so that its offsets are committed ({@link HopConsumers}).</li>
 * </ol>
 * A hop the handler refuses ({@link PoisonRecordException}) goes to the dead-letter topic alone: the
 * transaction is run again without it; so does a hop whose handling fails {@link #ATTEMPTS} times in a
 * row with anything but the database or the broker being away. Those are retried until they come
 * back, so nothing is skipped; a batch left unfinished at shutdown is delivered again. No record,
 * however it is made, stops a lane: what cannot be read, parsed, canonicalised or checked is
 * dead-lettered with its reason before the batch runs.
 */
@ApplicationScoped
public class HopPipeline {

    private static final Logger LOG = Logger.getLogger(HopPipeline.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    /** How many times in a row a hop's handling may fail, not for the database or the broker, before it is poison. */
    static final int ATTEMPTS = 3;
    /** The topic a rehearsed hop claims to come from: it decides the lane of what it emits. */
    private static final String REHEARSAL_TOPIC = HopTopic.DELIVERY.in(Lane.ROUTINE);

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    HopTelemetry telemetry;

    @Inject
    HopSigning signing;

    @Inject
    HopHandler handler;

    @Inject
    Database database;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Processes one consumed batch; returns true once it is done (every hop handled or set aside),
     * false if the service is stopping first, in which case the batch is delivered again after the
     * restart. While it waits to try again, {@code keepAlive} keeps the consumer in its group.
     */
    public boolean process(ConsumerRecords<String, String> batch, Runnable keepAlive) {
        telemetry.batch(batch.count());
        List<ConsumedHop> hops = new ArrayList<>(batch.count());
        Map<ProducerRecord<String, String>, String> deadLetters = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            ConsumedHop hop = read(record, deadLetters);
            if (hop != null) {
                hops.add(hop);
            }
        }
        long backoff = 100;
        Map<UUID, Integer> failed = new HashMap<>();
        while (!stopping) {
            Batch attempt = new Batch(hops, true);
            try {
                List<OutboxRecord> emitted = inNewTransaction(attempt::run);
                outbox.publish(emitted, List.copyOf(deadLetters.keySet()));
                attempt.work.committed();
                deadLetters.values().forEach(telemetry::deadLettered);
                return true;
            } catch (RuntimeException e) {
                PoisonRecordException poison = poisonIn(e);
                if (poison == null && attempt.handling != null && !Failures.transientInfrastructure(e)
                        && failed.merge(attempt.handling.hop().eventId(), 1, Integer::sum) >= ATTEMPTS) {
                    poison = new PoisonRecordException(attempt.handling.hop().eventId(),
                            "its handling failed " + ATTEMPTS + " times: " + e, e);
                }
                ConsumedHop refused = poison == null ? null : attempt.poisonHop(poison);
                if (refused != null) {
                    LOG.warnf("hop %s of notice %s goes to the dead-letter topic: %s", refused.hop().eventId(),
                            refused.hop().noticeId(), poison.getMessage());
                    hops.remove(refused);
                    deadLetters.put(DeadLetters.of(refused.record(), service, poison.getMessage(), poison.getCause()),
                            refused.topic());
                    continue;
                }
                LOG.warnf("a batch of %d hop(s) not processed yet, retrying in %d ms: %s", hops.size(), backoff,
                        e.toString());
                sleep(backoff);
                keepAlive.run();
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        // Neither processed nor dead-lettered: its offsets stay uncommitted, so it comes again after the restart.
        return false;
    }

    /** Runs the work in a transaction of its own (a test runs it in an in-memory one). */
    <T> T inNewTransaction(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    /**
     * Handles hops as if they had been consumed, in one batch, in a transaction that is rolled back;
     * nothing is sent and nothing is counted: the start-up rehearsal ({@link Warmup}) of what a
     * first batch runs.
     */
    void rehearse(List<HopEvent> hops) {
        List<ConsumedHop> consumed = new ArrayList<>(hops.size());
        for (HopEvent hop : hops) {
            JsonNode json = HopEvents.readTree(HopEvents.toJson(hop));
            consumed.add(new ConsumedHop(new ConsumerRecord<>(REHEARSAL_TOPIC, 0, 0L, hop.noticeId().toString(),
                    json.toString()), json, hop, signing.check(json)));
        }
        database.rolledBack(() -> new Batch(consumed, false).run());
    }

    /** The record as a hop, or null when it is set aside. */
    private ConsumedHop read(ConsumerRecord<String, String> record, Map<ProducerRecord<String, String>, String> deadLetters) {
        JsonNode json;
        HopEvent hop;
        Authenticity authenticity;
        try {
            json = HopEvents.readTree(record.value());
            hop = HopEvents.fromTree(json);
        } catch (RuntimeException e) {
            deadLetters.put(DeadLetters.of(record, service, "not a readable hop: " + e.getMessage(), e), record.topic());
            return null;
        }
        try {
            authenticity = signing.check(json);
        } catch (RuntimeException e) {
            // Its canonical form cannot be made (a number that is not an integer, …): nothing can be checked.
            deadLetters.put(DeadLetters.of(record, service, "a hop that cannot be checked: " + e.getMessage(), e),
                    record.topic());
            return null;
        }
        if (!authenticity.genuine() && !handler.keepsForgedHops()) {
            LOG.warnf("hop %s of notice %s, in the name of %s, goes to the dead-letter topic: %s", hop.eventId(),
                    hop.noticeId(), hop.service(), authenticity);
            deadLetters.put(DeadLetters.of(record, service, "not a genuine hop of " + hop.service() + ": " + authenticity),
                    record.topic());
            return null;
        }
        return new ConsumedHop(record, json, hop, authenticity);
    }

    /** One try at a batch, in one transaction. */
    private final class Batch {
        private final List<ConsumedHop> hops;
        /** Whether its hops count in the service's telemetry: not when rehearsed. */
        private final boolean counted;
        private HopHandler.Work work;
        private ConsumedHop handling;

        Batch(List<ConsumedHop> hops, boolean counted) {
            this.hops = hops;
            this.counted = counted;
        }

        /** Returns what to publish: the records of each hop, in the batch's order. */
        List<OutboxRecord> run() {
            Set<UUID> first = handler.usesInbox()
                    ? inbox.firstDeliveries(hops.stream().map(h -> h.hop().eventId()).toList())
                    : null;
            Map<UUID, List<OutboxRecord>> pending = new HashMap<>();
            if (first != null && first.size() < hops.size()) {
                List<UUID> redelivered = hops.stream().map(h -> h.hop().eventId()).filter(id -> !first.contains(id))
                        .toList();
                outbox.pendingFor(redelivered).forEach(r -> pending.computeIfAbsent(r.causedBy(), c -> new ArrayList<>())
                        .add(r));
            }
            work = handler.begin(first == null ? hops
                    : hops.stream().filter(h -> first.contains(h.hop().eventId())).toList());
            List<OutboxRecord> fresh = new ArrayList<>();
            List<OutboxRecord> ordered = new ArrayList<>();
            // Two copies of one event can arrive in one batch (a record the outbox published again
            // after a broker outage): the inbox counts the id once, so the second copy is a redelivery.
            Set<UUID> seen = new HashSet<>();
            for (ConsumedHop hop : hops) {
                UUID id = hop.hop().eventId();
                boolean copy = !seen.add(id);
                if (first != null && (copy || !first.contains(id))) {
                    if (!copy) {
                        ordered.addAll(pending.getOrDefault(id, List.of()));
                    }
                    continue;
                }
                handling = hop;
                Supplier<List<OutboxRecord>> handle = () -> {
                    String traceparent = Traces.currentTraceparent();
                    return work.handle(hop).stream()
                            .map(e -> outbox.record(e.inLane(hop.lane()), id, traceparent)).toList();
                };
                List<OutboxRecord> records = counted ? telemetry.handle(hop, handle) : handle.get();
                fresh.addAll(records);
                ordered.addAll(records);
            }
            handling = null;
            work.finish();
            outbox.store(fresh);
            return ordered;
        }

        /** The hop a poison names: the one being handled, or the one with the id it gives. */
        ConsumedHop poisonHop(PoisonRecordException poison) {
            if (poison.eventId() == null) {
                return handling;
            }
            return hops.stream().filter(h -> h.hop().eventId().equals(poison.eventId())).findFirst().orElse(null);
        }
    }

    private static PoisonRecordException poisonIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
