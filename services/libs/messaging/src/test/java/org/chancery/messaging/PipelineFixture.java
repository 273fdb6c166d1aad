package org.chancery.messaging;

import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.Topics;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;

/**
 * The embassy service's pipeline with nothing around it: a {@link MockProducer} for the broker, an
 * in-memory {@link Ledger} for the database (its inbox and outbox tables, and its transactions),
 * and a {@link RecordingHandler} for the service's own work.
 */
final class PipelineFixture {

    static final String SERVICE = "embassy";
    static final String STEPS = "dispatch-embassy";
    /** What the embassy consumes, in the routine lane. */
    static final String TOPIC = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
    /** Where the embassy's answers go, in the lane of what they answer. */
    static final String ANSWERS = HopTopic.DELIVERY.in(Lane.ROUTINE);
    static final KeyPair MINISTRY = Ed25519Keys.generate();
    static final KeyPair EMBASSY = Ed25519Keys.generate();
    static final Notice NOTICE = Notice.of("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE,
            Classification.UNCLASSIFIED, "Visit", "The Department presents its compliments.", null);

    final Ledger ledger = new Ledger();
    final RecordingHandler handler = new RecordingHandler(ledger);
    /** The broker, as the service's producer sees it. */
    final MockProducer<String, String> producer;
    final HopSigning signing = new HopSigning();
    private final FakeOutbox outbox = new FakeOutbox(ledger);
    private final HopTelemetry telemetry = new HopTelemetry();
    final HopPipeline pipeline;

    /** Every send acknowledged at once. */
    PipelineFixture() {
        this(true);
    }

    /** Sends acknowledged at once, or when the test says ({@link MockProducer#completeNext}). */
    PipelineFixture(boolean acknowledgeAtOnce) {
        producer = new MockProducer<>(acknowledgeAtOnce, null, new StringSerializer(), new StringSerializer());
        Optional<String> privateKey = Optional.of(Ed25519Keys.encode(EMBASSY.getPrivate()));
        Optional<String> trustedKeys = Optional.of("foreign-ministry=" + Ed25519Keys.encode(MINISTRY.getPublic())
                + ", embassy=" + Ed25519Keys.encode(EMBASSY.getPublic()));
        signing.keys = new HopSigning.Keys() {
            @Override
            public Optional<String> privateKey() {
                return privateKey;
            }

            @Override
            public Optional<String> trustedKeys() {
                return trustedKeys;
            }
        };
        signing.service = SERVICE;
        signing.load();

        Publisher publisher = new Publisher();
        publisher.producer = producer;
        outbox.publisher = publisher;
        outbox.signing = signing;
        outbox.service = SERVICE;

        telemetry.registry = new SimpleMeterRegistry();
        telemetry.openTelemetry = OpenTelemetry.noop();
        telemetry.tracer = telemetry.openTelemetry.getTracer("test");
        telemetry.service = SERVICE;
        telemetry.steps = STEPS;
        telemetry.register();
        pipeline = newPipeline();
    }

    /** A pipeline on the same database and broker: the service's, or the one it has after a restart. */
    HopPipeline newPipeline() {
        HopPipeline pipeline = new HopPipeline() {
            @Override
            <T> T inNewTransaction(Callable<T> work) {
                return ledger.transaction(work);
            }
        };
        pipeline.outbox = outbox;
        pipeline.inbox = new FakeInbox(ledger);
        pipeline.telemetry = telemetry;
        pipeline.signing = signing;
        pipeline.handler = handler;
        pipeline.service = SERVICE;
        return pipeline;
    }

    /** A notice's first hop, from the ministry to its embassy: what the embassy consumes. */
    static HopEvent dispatch() {
        String embassy = Party.embassy("USA", "DEU");
        return HopEvent.first(UUID.randomUUID(), HopType.MINISTRY_SERVICE, Party.ministry("USA"), embassy, NOTICE,
                List.of(new Route(Channel.EMBASSY, List.of(embassy), "resident embassy")));
    }

    /** The hop as the ministry publishes it, signed with its key. */
    static String signed(HopEvent hop) {
        return HopEvents.toJson(new HopSigner(MINISTRY.getPrivate()).sign(hop));
    }

    /** The hop in the ministry's name, signed with a key no one trusts. */
    static String forged(HopEvent hop) {
        return HopEvents.toJson(new HopSigner(Ed25519Keys.generate().getPrivate()).sign(hop));
    }

    static ConsumerRecord<String, String> record(int partition, long offset, HopEvent hop) {
        return record(partition, offset, hop.noticeId().toString(), signed(hop));
    }

    static ConsumerRecord<String, String> record(int partition, long offset, String key, String value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, key, value);
    }

    /** The event id of the hop a record carries. */
    static UUID eventId(ConsumerRecord<String, String> record) {
        return HopEvents.fromJson(record.value()).eventId();
    }

    /** The answers the broker acknowledged, by the consumed hop they answer (the parent of each). */
    List<UUID> answered() {
        return producer.history().stream().filter(r -> r.topic().equals(ANSWERS))
                .map(r -> HopEvents.fromJson(r.value()).parentId()).toList();
    }

    /** The dead letters sent, by reason. */
    List<ProducerRecord<String, String>> deadLetters() {
        return producer.history().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER)).toList();
    }

    /** Why each dead letter was set aside, up to the first colon (what follows is the detail). */
    List<String> deadLetterReasons() {
        return deadLetters().stream().map(r -> header(r, "dead-letter-reason").replaceFirst(":.*", "")).toList();
    }

    static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until the condition holds, for ten seconds at most. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /**
     * The service's database as far as the pipeline sees it: the inbox's processed ids and the
     * outbox's records, changed only in a transaction, which keeps all or nothing. It can be away.
     */
    static final class Ledger {

        private Set<UUID> processed = new HashSet<>();
        private Map<UUID, OutboxRecord> outbox = new LinkedHashMap<>();
        /** The service's own table: the hops whose handling it wrote. */
        private List<UUID> handled = new ArrayList<>();
        private boolean inTransaction;
        private volatile boolean away;
        private volatile int transactions;

        /** The database goes away (every transaction fails as a lost connection does) or comes back. */
        void away(boolean away) {
            this.away = away;
        }

        /** How many transactions were begun, committed or not. */
        int transactions() {
            return transactions;
        }

        synchronized <T> T transaction(Callable<T> work) {
            transactions++;
            if (away) {
                throw new Database.DatabaseException(new SQLTransientConnectionException("the database is away", "08006"));
            }
            Set<UUID> processedBefore = new HashSet<>(processed);
            Map<UUID, OutboxRecord> outboxBefore = new LinkedHashMap<>(outbox);
            List<UUID> handledBefore = new ArrayList<>(handled);
            inTransaction = true;
            try {
                return work.call();
            } catch (Exception e) {
                processed = processedBefore;
                outbox = outboxBefore;
                handled = handledBefore;
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                inTransaction = false;
            }
        }

        synchronized Set<UUID> firstDeliveries(Collection<UUID> ids) {
            requireTransaction();
            Set<UUID> first = new HashSet<>();
            for (UUID id : ids) {
                if (processed.add(id)) {
                    first.add(id);
                }
            }
            return first;
        }

        synchronized void store(List<OutboxRecord> records) {
            requireTransaction();
            records.forEach(r -> outbox.put(r.eventId(), r));
        }

        synchronized List<OutboxRecord> pendingFor(Collection<UUID> causes) {
            requireTransaction();
            return outbox.values().stream().filter(r -> causes.contains(r.causedBy())).toList();
        }

        /** Published records are deleted (the outbox does it a moment after publishing). */
        synchronized void forget(List<OutboxRecord> records) {
            records.forEach(r -> outbox.remove(r.eventId()));
        }

        synchronized void handled(UUID eventId) {
            requireTransaction();
            handled.add(eventId);
        }

        /** The hops handled in transactions that committed, in order. */
        synchronized List<UUID> handled() {
            return List.copyOf(handled);
        }

        synchronized boolean processed(UUID eventId) {
            return processed.contains(eventId);
        }

        synchronized List<OutboxRecord> unpublished() {
            return new ArrayList<>(outbox.values());
        }

        private void requireTransaction() {
            if (!inTransaction) {
                throw new IllegalStateException("outside a transaction");
            }
        }
    }

    static final class FakeInbox extends Inbox {
        private final Ledger ledger;

        FakeInbox(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Set<UUID> firstDeliveries(Collection<UUID> eventIds) {
            return ledger.firstDeliveries(eventIds);
        }
    }

    /** The real outbox's records and publication; its table in the ledger. */
    static final class FakeOutbox extends Outbox {
        private final Ledger ledger;

        FakeOutbox(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public List<OutboxRecord> store(List<OutboxRecord> records) {
            ledger.store(records);
            return records;
        }

        @Override
        public List<OutboxRecord> pendingFor(Collection<UUID> causes) {
            return ledger.pendingFor(causes);
        }

        @Override
        public void publish(List<OutboxRecord> records, List<ProducerRecord<String, String>> others) {
            super.publish(records, others);
            ledger.forget(records);
        }
    }

    /**
     * The embassy's work, recorded: each hop answered by its delivery; a hop can be made to be
     * refused (poison), to fail as a bug does, or to be refused when the batch's writes are made.
     */
    static final class RecordingHandler implements HopHandler {

        /** Every hop handed over, in every try, committed or not. */
        final List<UUID> attempted = new CopyOnWriteArrayList<>();
        /** The hops of the batches whose work was reported committed ({@link Work#committed}), in order. */
        final List<UUID> counted = new CopyOnWriteArrayList<>();
        final Set<UUID> poison = ConcurrentHashMap.newKeySet();
        final Set<UUID> failing = ConcurrentHashMap.newKeySet();
        final Set<UUID> poisonAtFinish = ConcurrentHashMap.newKeySet();
        /** Called with each hop as it is handled: a test can act mid-batch. */
        volatile Consumer<UUID> onHandle = id -> { };
        private final Ledger ledger;

        RecordingHandler(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Work begin(List<ConsumedHop> hops) {
            List<UUID> batch = new ArrayList<>();
            return new Work() {
                @Override
                public List<Emission> handle(ConsumedHop consumed) {
                    UUID id = consumed.hop().eventId();
                    attempted.add(id);
                    onHandle.accept(id);
                    if (poison.contains(id)) {
                        throw new PoisonRecordException("a notice no embassy can deliver");
                    }
                    if (failing.contains(id)) {
                        throw new IllegalStateException("a bug");
                    }
                    batch.add(id);
                    ledger.handled(id);
                    HopEvent hop = consumed.hop();
                    return List.of(Emission.of(HopTopic.DELIVERY, hop.next(HopType.NOTICE_DELIVERED, SERVICE, hop.to(),
                            Party.ministry("DEU")).notice(hop.notice()).seal()));
                }

                @Override
                public void finish() {
                    for (UUID id : batch) {
                        if (poisonAtFinish.contains(id)) {
                            throw new PoisonRecordException(id, "its notice cannot be written");
                        }
                    }
                }

                @Override
                public void committed() {
                    counted.addAll(batch);
                }
            };
        }
    }
}
