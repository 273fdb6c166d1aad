package org.chancery.messaging;

import static org.chancery.messaging.PipelineFixture.SERVICE;
import static org.chancery.messaging.PipelineFixture.STEPS;
import static org.chancery.messaging.PipelineFixture.TOPIC;
import static org.chancery.messaging.PipelineFixture.await;
import static org.chancery.messaging.PipelineFixture.dispatch;
import static org.chancery.messaging.PipelineFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lanes' consumers, each a {@link MockConsumer} on a thread of its own as in the service, in
 * front of the real pipeline: what is committed, when, and what comes again.
 */
class HopConsumersTest {

    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition URGENT = new TopicPartition(HopTopic.DISPATCH_EMBASSY.in(Lane.URGENT), 0);

    private PipelineFixture fixture = new PipelineFixture();
    /** The routine lane's consumer, the latest made. */
    private volatile LaneMock routine;
    private final List<HopConsumers> running = new ArrayList<>();
    /** The offsets the group committed, by any of its consumers. */
    private final Map<TopicPartition, Long> group = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        running.forEach(c -> c.stop(null));
    }

    /** The service's consumers, on this pipeline, each lane's starting where the group committed. */
    private HopConsumers start(HopPipeline pipeline, Map<TopicPartition, Long> committed) {
        HopConsumers consumers = new HopConsumers() {
            @Override
            Consumer<String, String> kafkaConsumer(Map<String, Object> config) {
                boolean urgent = config.get(ConsumerConfig.CLIENT_ID_CONFIG).toString().endsWith("-urgent");
                LaneMock mock = new LaneMock(urgent ? List.of(URGENT) : List.of(P0, P1), committed);
                if (!urgent) {
                    routine = mock;
                }
                return mock;
            }
        };
        consumers.pipeline = pipeline;
        consumers.kafka = Map.of();
        consumers.registry = new SimpleMeterRegistry();
        consumers.service = SERVICE;
        consumers.steps = STEPS;
        consumers.instance = Optional.empty();
        consumers.groupProtocol = "classic";
        consumers.sessionTimeout = Duration.ofSeconds(10);
        consumers.maxBatch = 500;
        consumers.gatherBytes = 1;
        consumers.gatherMillis = 10;
        running.add(consumers);
        consumers.start(null);
        await("every lane given its partitions", consumers::ready);
        return consumers;
    }

    private HopConsumers start() {
        return start(fixture.pipeline, Map.of());
    }

    private Map<TopicPartition, Long> committed() {
        return Map.copyOf(group);
    }

    private static List<ConsumerRecord<String, String>> hops(int partition, long from, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            records.add(record(partition, offset, dispatch()));
        }
        return records;
    }

    private static List<UUID> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(PipelineFixture::eventId).toList();
    }

    private static Set<UUID> idSet(List<ConsumerRecord<String, String>> records) {
        return Set.copyOf(ids(records));
    }

    @Test
    void offsetsAreCommittedOnlyOnceTheBatchsAnswersAreAcknowledged() {
        fixture = new PipelineFixture(false);
        start();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(hops(0, 0, 3));
        batch.addAll(hops(1, 0, 2));
        routine.deliver(batch);

        // The broker refuses the answers three times in a row: the batch waits, and is not committed.
        for (int round = 1; round <= 3; round++) {
            int sent = 5 * round;
            await("the answers sent, try " + round, () -> fixture.producer.history().size() >= sent);
            assertEquals(Map.of(), committed(), "nothing committed before the broker has the answers");
            while (fixture.producer.errorNext(new TimeoutException("not enough replicas"))) {
                // the next one
            }
        }
        await("the answers sent again", () -> fixture.producer.history().size() >= 20);
        assertEquals(Map.of(), committed(), "nothing committed before the broker has the answers");
        while (fixture.producer.completeNext()) {
            // the next one
        }

        await("the batch committed", () -> committed().equals(Map.of(P0, 3L, P1, 2L)));
        assertEquals(idSet(batch), Set.copyOf(fixture.ledger.handled()));
        assertEquals(5, fixture.ledger.handled().size(), "each hop handled once, however often it was published");
        assertEquals(ids(batch.subList(0, 3)), fixture.ledger.handled().stream()
                .filter(idSet(batch.subList(0, 3))::contains).toList(), "a partition's hops in their order");
    }

    @Test
    void poisonRecordsAreSetAsideAndTheLaneGoesOn() {
        HopConsumers consumers = start();
        List<ConsumerRecord<String, String>> batch = List.of(
                record(0, 0, dispatch()),
                record(0, 1, "key", "not a hop"),
                record(0, 2, dispatch()),
                record(0, 3, dispatch()));
        fixture.handler.poison.add(PipelineFixture.eventId(batch.get(2)));
        routine.deliver(batch);
        await("the batch committed", () -> committed().equals(Map.of(P0, 4L)));

        List<ConsumerRecord<String, String>> next = hops(0, 4, 1);
        routine.deliver(next);
        await("the next batch committed", () -> committed().equals(Map.of(P0, 5L)));

        assertEquals(List.of(ids(batch.subList(0, 1)).get(0), ids(batch.subList(3, 4)).get(0), ids(next).get(0)),
                fixture.ledger.handled());
        assertEquals(List.of("not a readable hop", "a notice no embassy can deliver"), fixture.deadLetterReasons());
        assertTrue(consumers.ready(), "the lane still runs: " + consumers.notReady());
        assertEquals(List.of(), consumers.dead());
    }

    @Test
    void hopsDeliveredAgainAfterARestartAreNotHandledTwice() {
        HopConsumers consumers = start();
        List<ConsumerRecord<String, String>> log = new ArrayList<>(hops(0, 0, 3));
        routine.deliver(log);
        await("the batch committed", () -> committed().equals(Map.of(P0, 3L)));
        consumers.stop(null);

        // The commit was lost: the restarted service is given the partition from its start again.
        start(fixture.newPipeline(), Map.of(P0, 0L));
        log.addAll(hops(0, 3, 1));
        routine.deliver(log);
        await("the redelivered batch committed", () -> committed().equals(Map.of(P0, 4L)));

        assertEquals(ids(log), fixture.ledger.handled(), "each hop handled once");
        assertEquals(ids(log), fixture.answered(), "each answered once");
    }

    @Test
    void partitionsRevokedMidBatchAreNotCommittedAndTheirHopsComeToTheirNextOwner() {
        HopConsumers consumers = start();
        routine.deliver(List.of(record(0, 0, dispatch()), record(1, 0, dispatch())));
        await("the first batch committed", () -> committed().equals(Map.of(P0, 1L, P1, 1L)));

        // The database is away: the second batch waits, polling with its partitions paused.
        fixture.ledger.away(true);
        int before = fixture.ledger.transactions();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(hops(0, 1, 2));
        batch.addAll(hops(1, 1, 2));
        routine.deliver(batch);
        await("the batch tried", () -> fixture.ledger.transactions() > before);
        // Meanwhile the group gives P1 to another replica (the rebalance runs in the lane's poll, as it does).
        LaneMock consumer = routine;
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
        await("P1 revoked", () -> consumer.assignment().equals(Set.of(P0)));
        fixture.ledger.away(false);

        await("the batch committed for P0", () -> Long.valueOf(3).equals(committed().get(P0)));
        consumers.stop(null);
        assertEquals(Map.of(P0, 3L, P1, 1L), committed(),
                "P1's new owner starts after the first batch: the second batch's P1 hops come to it, none lost");
        assertEquals(idSet(batch), Set.copyOf(fixture.ledger.handled().subList(2, 6)),
                "the batch in hand still handled (its P1 hops are recognised by the inbox at their next owner)");
    }

    @Test
    void aBatchUnfinishedAtShutdownIsNotCommittedAndComesAgainAfterTheRestart() {
        HopConsumers consumers = start();
        List<ConsumerRecord<String, String>> log = new ArrayList<>(hops(0, 0, 2));
        routine.deliver(log);
        await("the first batch committed", () -> committed().equals(Map.of(P0, 2L)));

        fixture.ledger.away(true);
        int before = fixture.ledger.transactions();
        List<ConsumerRecord<String, String>> unfinished = hops(0, 2, 2);
        log.addAll(unfinished);
        routine.deliver(unfinished);
        await("the batch tried", () -> fixture.ledger.transactions() > before);
        fixture.pipeline.onStop(null);
        consumers.stop(null);

        assertEquals(Map.of(P0, 2L), committed(), "the unfinished batch is not committed");
        assertEquals(ids(log.subList(0, 2)), fixture.ledger.handled());
        assertTrue(fixture.answered().stream().noneMatch(idSet(unfinished)::contains), "nor published");

        fixture.ledger.away(false);
        start(fixture.newPipeline(), committed());
        routine.deliver(log.subList(2, 4));
        await("the batch committed after the restart", () -> committed().equals(Map.of(P0, 4L)));
        assertEquals(ids(log), fixture.ledger.handled(), "each hop handled once");
        assertEquals(ids(log), fixture.answered());
    }

    /**
     * A lane's consumer given these partitions by the group, from the offsets committed, and the
     * records the test delivers. A poll that finds nothing waits a little, as on a broker, until
     * something is delivered or it is woken.
     */
    final class LaneMock extends MockConsumer<String, String> {

        LaneMock(List<TopicPartition> partitions, Map<TopicPartition, Long> committed) {
            super("earliest");
            Map<TopicPartition, Long> start = new HashMap<>();
            partitions.forEach(p -> start.put(p, committed.getOrDefault(p, 0L)));
            updateBeginningOffsets(start);
            schedulePollTask(() -> rebalance(partitions));
        }

        /** Records the broker has for the consumer: its next poll returns them. */
        void deliver(List<ConsumerRecord<String, String>> records) {
            List<ConsumerRecord<String, String>> copy = List.copyOf(records);
            schedulePollTask(() -> copy.forEach(this::addRecord));
        }

        @Override
        public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
            ConsumerRecords<String, String> records = super.poll(timeout);
            if (records.isEmpty() && !timeout.isZero()) {
                try {
                    TimeUnit.MILLISECONDS.timedWait(this, Math.min(timeout.toMillis(), 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        @Override
        public synchronized void schedulePollTask(Runnable task) {
            super.schedulePollTask(task);
            notifyAll();
        }

        @Override
        public synchronized void wakeup() {
            super.wakeup();
            notifyAll();
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            offsets.forEach((p, o) -> group.put(p, o.offset()));
            super.commitAsync(offsets, callback);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((p, o) -> group.put(p, o.offset()));
            super.commitSync(offsets);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            offsets.forEach((p, o) -> group.put(p, o.offset()));
            super.commitSync(offsets, timeout);
        }

        @Override
        public synchronized Set<TopicPartition> assignment() {
            return Set.copyOf(super.assignment());
        }

        /** Those of its partitions that are paused, as a Kafka consumer has it: not one it gave up. */
        @Override
        public synchronized Set<TopicPartition> paused() {
            Set<TopicPartition> paused = new HashSet<>(super.paused());
            paused.retainAll(super.assignment());
            return paused;
        }

        @Override
        public synchronized void rebalance(Collection<TopicPartition> assignment) {
            super.rebalance(assignment);
        }
    }
}
