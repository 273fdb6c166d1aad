package org.chancery.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's hop consumers: one per lane, each on a thread of its own, in the service's consumer
 * group. Each polls, hands what it got to the {@link HopPipeline} as one batch, and polls again once
 * the batch is done: whatever arrived meanwhile is the next batch. So a busy service takes many hops
 * per transaction and a quiet one takes each hop as it comes, without a wait; an idle one waits on
 * the broker and costs nothing. Processed offsets are committed every second, and before partitions
 * are given up; what a crash leaves uncommitted is delivered again and recognised by the inbox. A lane
 * whose consumer fails anyway is started again, with a new consumer, after a pause that grows with
 * each failure in a row; a lane that keeps failing makes the service not live ({@link #live()}).
 */
@ApplicationScoped
public class HopConsumers {

    private static final Logger LOG = Logger.getLogger(HopConsumers.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    HopPipeline pipeline;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = PipelineTopics.STEPS)
    String steps;

    /**
     * This instance among the service's replicas, stable across its restarts (a pod's name, the
     * launcher's instance number): its lane consumers are then static members of the group, and a
     * restart takes back their partitions without a rebalance. Unset: dynamic members.
     */
    @ConfigProperty(name = "chancery.instance")
    Optional<String> instance;

    /**
     * The consumer group protocol: {@code classic} (the members agree on the assignment; a static
     * member killed and started again takes its partitions back at once) or {@code consumer}
     * (KIP-848: the broker assigns and holds the session timeout; ADR 0025 says why it is not the default).
     */
    @ConfigProperty(name = "chancery.pipeline.group-protocol")
    String groupProtocol;

    /**
     * Under the classic protocol, how long the group waits for a replica that stopped heartbeating
     * before its partitions go to the others: the longest a killed replica's notices wait, unless it
     * is back sooner. Under the consumer protocol the broker's {@code group.consumer.session.timeout.ms}.
     */
    @ConfigProperty(name = "chancery.pipeline.session-timeout")
    Duration sessionTimeout;

    @ConfigProperty(name = "chancery.pipeline.max-batch")
    int maxBatch;

    @ConfigProperty(name = "chancery.pipeline.gather-bytes")
    int gatherBytes;

    @ConfigProperty(name = "chancery.pipeline.gather-ms")
    int gatherMillis;

    /** How long a routine batch waits, at most, for the urgent lane to have nothing left to do. */
    private static final long YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Failures in a row after which a lane is not live: the service should be restarted. */
    static final int FAILURES_BEFORE_DEAD = 5;
    private static final long MAX_RESTART_PAUSE_MILLIS = 30_000;

    private final Map<Lane, LaneConsumer> lanes = new ConcurrentHashMap<>();
    private final Map<Lane, Thread> supervisors = new EnumMap<>(Lane.class);
    /** For each lane, how many times in a row its consumer failed before processing anything. */
    private final Map<Lane, Integer> failuresInARow = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** Guards {@link #urgentBusy}. */
    private final Object urgentLane = new Object();
    /** Whether the urgent lane has a batch in hand: routine batches give way meanwhile. */
    private boolean urgentBusy;

    void start(@Observes StartupEvent event) {
        List<HopTopic> consumed = PipelineTopics.steps(steps);
        for (Lane lane : Lane.values()) {
            List<String> topics = PipelineTopics.topics(consumed, lane);
            lanes.put(lane, new LaneConsumer(lane, topics));
            Thread supervisor = new Thread(() -> supervise(lane, topics), service + "-hops-" + lane.suffix());
            supervisors.put(lane, supervisor);
            supervisor.start();
        }
    }

    /** Runs the lane's consumer; starts a new one after a failure, until the service stops. */
    private void supervise(Lane lane, List<String> topics) {
        long pause = 1_000;
        while (running) {
            if (lanes.get(lane).run() || !running) {
                return;
            }
            int failures = failuresInARow.merge(lane, 1, Integer::sum);
            LOG.errorf("the %s lane's consumer failed (%d in a row); a new one starts in %d ms", lane.suffix(),
                    failures, pause);
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
                pause = Math.min(pause * 2, MAX_RESTART_PAUSE_MILLIS);
                lanes.put(lane, newConsumer(lane, topics));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A new consumer for the lane; while none can be made (the broker away), tries again every second. */
    private LaneConsumer newConsumer(Lane lane, List<String> topics) throws InterruptedException {
        while (true) {
            try {
                return new LaneConsumer(lane, topics);
            } catch (RuntimeException e) {
                LOG.warnf("the %s lane's consumer cannot be made yet: %s", lane.suffix(), e.toString());
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        lanes.values().forEach(l -> l.consumer.wakeup());
        for (Thread supervisor : supervisors.values()) {
            supervisor.interrupt();
            try {
                supervisor.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every topic the service consumes, in every lane. */
    public List<String> topics() {
        return PipelineTopics.consumed(steps);
    }

    /** How many records the lane's consumer is behind, over its partitions. */
    public long lag(Lane lane) {
        LaneConsumer consumer = lanes.get(lane);
        return consumer == null ? 0 : consumer.lag;
    }

    /** Whether every lane's consumer runs and has been given its share of the partitions. */
    public boolean ready() {
        return !lanes.isEmpty() && lanes.values().stream().allMatch(l -> l.assigned && !l.failed);
    }

    /** For each lane that is not ready, why not. */
    public List<String> notReady() {
        List<String> why = new ArrayList<>();
        lanes.forEach((lane, l) -> {
            if (l.failed) {
                why.add(lane.suffix() + " lane: its consumer failed; a new one is starting");
            } else if (!l.assigned) {
                why.add(lane.suffix() + " lane: waiting for its partitions");
            }
        });
        return why;
    }

    /**
     * The lanes whose consumer failed {@link #FAILURES_BEFORE_DEAD} times in a row without processing
     * a batch in between: they are not coming back by themselves, and the service is not live.
     */
    public List<String> dead() {
        List<String> dead = new ArrayList<>();
        failuresInARow.forEach((lane, failures) -> {
            if (failures >= FAILURES_BEFORE_DEAD) {
                dead.add(lane.suffix() + " lane: its consumer failed " + failures + " times in a row");
            }
        });
        return dead;
    }

    private void urgentBusy(boolean busy) {
        synchronized (urgentLane) {
            urgentBusy = busy;
            if (!busy) {
                urgentLane.notifyAll();
            }
        }
    }

    /**
     * A routine batch waits while the urgent lane has a batch in hand, for {@link #YIELD_NANOS} at
     * most: in a backlog, as after a restart mid-drain, FLASH notices get the service's CPU and
     * database first, and routine ones are slowed, never stopped. Urgent records still on the broker do not
     * count: under steady FLASH traffic there nearly always are some, and every routine batch would wait.
     */
    private void giveWayToUrgent() throws InterruptedException {
        long deadline = System.nanoTime() + YIELD_NANOS;
        synchronized (urgentLane) {
            while (urgentBusy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(urgentLane, left);
            }
        }
    }

    /** A lane's consumer, of this configuration (a test makes a mock one). */
    Consumer<String, String> kafkaConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config);
    }

    private final class LaneConsumer implements ConsumerRebalanceListener {
        final Lane lane;
        final List<String> topics;
        final Consumer<String, String> consumer;
        volatile boolean assigned;
        /** Whether it stopped on a failure rather than for the service stopping. */
        volatile boolean failed;
        /** Records behind, over the lane's partitions, as of the last poll. */
        volatile long lag;
        /** Offsets processed and not yet committed, by partition. */
        final Map<TopicPartition, OffsetAndMetadata> processed = new ConcurrentHashMap<>();

        LaneConsumer(Lane lane, List<String> topics) {
            this.lane = lane;
            this.topics = topics;
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, service);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-hops-" + lane.suffix());
            instance.filter(i -> !i.isBlank()).ifPresent(i ->
                    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, service + "-" + i + "-" + lane.suffix()));
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
            if (GroupProtocol.of(groupProtocol) == GroupProtocol.CLASSIC) {
                config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
                config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
            }
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, gatherBytes);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, gatherMillis);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            this.consumer = kafkaConsumer(config);
            new KafkaClientMetrics(consumer).bindTo(registry);
        }

        /** Consumes until the service stops (true) or the consumer fails (false). */
        private boolean run() {
            consumer.subscribe(topics, this);
            long lastCommit = System.nanoTime();
            try {
                while (running) {
                    ConsumerRecords<String, String> records = consumer.poll(POLL);
                    lag = lag();
                    if (lane == Lane.URGENT) {
                        urgentBusy(!records.isEmpty());
                    } else if (!records.isEmpty()) {
                        giveWayToUrgent();
                    }
                    if (!records.isEmpty()) {
                        if (!pipeline.process(records, this::keepAlive)) {
                            break;
                        }
                        failuresInARow.remove(lane);
                        remember(records);
                        consumer.resume(consumer.paused());
                        if (lane == Lane.URGENT) {
                            urgentBusy(false);
                        }
                    }
                    if (!processed.isEmpty() && System.nanoTime() - lastCommit >= COMMIT_EVERY_NANOS) {
                        commit(false);
                        lastCommit = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                // Stopping.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "the %s lane's consumer stopped", lane.suffix());
                failed = true;
            } finally {
                if (lane == Lane.URGENT) {
                    urgentBusy(false);
                }
                commit(true);
                // A static member leaves too when it stops cleanly: its partitions go to the others at
                // once rather than after the session timeout (it may come back under another name).
                try {
                    consumer.close(CloseOptions.groupMembershipOperation(
                            CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(5)));
                } catch (RuntimeException e) {
                    LOG.debugf("the %s lane's consumer did not close cleanly: %s", lane.suffix(), e.toString());
                }
            }
            return !failed;
        }

        /** From the consumer's own fetch positions: no request to the broker. */
        private long lag() {
            long behind = 0;
            for (TopicPartition partition : consumer.assignment()) {
                behind += consumer.currentLag(partition).orElse(0);
            }
            return behind;
        }

        /**
         * A partition given up while the batch waited (a rebalance in {@link #keepAlive}) is not
         * remembered: its offsets are its new owner's to commit, and its hops come to it again.
         */
        private void remember(ConsumerRecords<String, String> records) {
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition partition : records.partitions()) {
                if (!assigned.contains(partition)) {
                    continue;
                }
                List<ConsumerRecord<String, String>> of = records.records(partition);
                processed.put(partition, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
            }
        }

        private void commit(boolean wait) {
            if (processed.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(processed);
            processed.keySet().removeAll(offsets.keySet());
            try {
                if (wait) {
                    consumer.commitSync(offsets, Duration.ofSeconds(5));
                } else {
                    consumer.commitAsync(offsets, (committed, failure) -> {
                        if (failure != null) {
                            LOG.debugf("offsets not committed (%s): those hops come again, and are recognised", failure);
                        }
                    });
                }
            } catch (RuntimeException e) {
                LOG.debugf("offsets not committed (%s): those hops come again, and are recognised", e.toString());
            }
        }

        /**
         * While a batch waits for the database or the broker to come back, the consumer keeps its
         * place in the group: it polls with every partition paused. A partition it is newly given
         * meanwhile is rewound, so that its records come in the next batch.
         */
        private void keepAlive() {
            consumer.pause(consumer.assignment());
            ConsumerRecords<String, String> early = consumer.poll(Duration.ZERO);
            for (TopicPartition partition : early.partitions()) {
                consumer.seek(partition, early.records(partition).get(0).offset());
            }
            consumer.pause(consumer.assignment());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            partitions.forEach(p -> {
                OffsetAndMetadata offset = processed.remove(p);
                if (offset != null) {
                    offsets.put(p, offset);
                }
            });
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets, Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debugf("offsets of revoked partitions not committed (%s)", e.toString());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            List<String> without = topics.stream()
                    .filter(t -> consumer.assignment().stream().noneMatch(p -> p.topic().equals(t))).toList();
            if (!without.isEmpty()) {
                LOG.warnf("the %s lane was given no partition of %s: the service has more replicas than these topics "
                        + "have partitions, and this one takes none of their hops (docs/topics.md: adding partitions)",
                        lane.suffix(), without);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(processed::remove);
        }
    }
}
