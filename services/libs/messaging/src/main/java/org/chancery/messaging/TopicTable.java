package org.chancery.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads compacted topics from their beginning, every partition, and keeps reading, handing each
 * record to {@code apply} on one thread of its own. There is no consumer group: every replica of
 * a service reads everything itself, like a global table (the channel registries, the revoked
 * tokens). It has caught up once it has read what was on the topics when it started.
 */
public final class TopicTable implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicTable.class);
    /**
     * How long the broker holds a fetch that finds nothing new. A record ends it at once, so this
     * delays no change; it only spaces out the empty answers, a large part of an idle broker's
     * work. There is no group, so no reassignment ever waits for a fetch in flight.
     */
    static final int IDLE_FETCH_MILLIS = 5000;

    private final String name;
    private final List<String> topics;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean caughtUp;
    private volatile Runnable onCaughtUp = () -> { };
    private final CountDownLatch read = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param kafka the service's Kafka client configuration (bootstrap servers and credentials)
     * @param name what the table holds, for its client id, its thread and its log lines
     */
    public TopicTable(Map<String, Object> kafka, String name, List<String> topics,
            Consumer<ConsumerRecord<String, String>> apply) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.apply = apply;
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + java.util.UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A topic deleted and made again under the table is read again from its beginning.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_MILLIS);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.reader = new Thread(this::read, name);
        reader.setDaemon(true);
    }

    /**
     * Runs {@code then} on the table's thread once it has caught up, before it reads on and before
     * {@link #caughtUp} says so (should it fail, again a second later); set before {@link #start}.
     */
    public TopicTable onCaughtUp(Runnable then) {
        this.onCaughtUp = then;
        return this;
    }

    public TopicTable start() {
        reader.start();
        return this;
    }

    /** Whether everything on the topics when the table started has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Waits until the table has caught up, at most {@code patience}; whether it has. */
    public boolean awaitCaughtUp(Duration patience) throws InterruptedException {
        return read.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    private void read() {
        while (running) {
            try {
                if (startEnd == null) {
                    assign();
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    applyOne(record);
                }
                if (!caughtUp && startEnd.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("%s: read everything on %s", name, topics);
                    // Should it fail, it runs again on the next round.
                    onCaughtUp.run();
                    caughtUp = true;
                    read.countDown();
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("%s: reading %s failed, trying again: %s", name, topics, e.toString());
                sleep();
            }
        }
        consumer.close();
    }

    /** {@code apply} sets a bad record aside itself; should it fail, the next records are still read. */
    private void applyOne(ConsumerRecord<String, String> record) {
        try {
            apply.accept(record);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: record %s-%d@%d not applied", name, record.topic(), record.partition(), record.offset());
        }
    }

    /**
     * Every partition of the topics, from their beginning. A topic not made yet fails it, tried again
     * a second later: assigned no partitions for it, the table would never be given them once it
     * exists, and would wait for good.
     */
    private void assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (found.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist yet");
            }
            found.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEnd = consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
