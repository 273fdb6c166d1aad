package org.chancery.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The least a hop-by-hop system of Chancery's shape can cost on this broker: a chain of relays, each
 * consuming a batch from one topic and producing it to the next ({@code acks=all}, idempotent, the
 * services' linger, each batch's sends awaited before its offsets are committed), with no database,
 * no signing and no parsing. A chain as long as a notice's, on topics made like the hop topics,
 * measured at the rate Chancery sustained and as fast as it goes.
 */
final class RelayBaseline {

    private static final String PREFIX = "chancery.bench.relay.";

    /** What the chain did. */
    record Figures(int hops, int recordSize, int rate, Latencies latency, double maxChainsPerSecond,
            double cpuMsPerChain) {
    }

    private final Map<String, Object> kafka;
    private final int hops;
    private final int recordSize;

    RelayBaseline(Map<String, Object> kafka, int hops, int recordSize) {
        this.kafka = kafka;
        this.hops = hops;
        this.recordSize = recordSize;
    }

    /** The chain at {@code rate} chains per second for {@code seconds}, then as fast as it goes. */
    Figures measure(int rate, int seconds) throws Exception {
        createTopics();
        List<Relay> relays = new ArrayList<>();
        try {
            for (int i = 0; i < hops - 1; i++) {
                relays.add(new Relay(topic(i), topic(i + 1)));
            }
            relays.forEach(Relay::start);
            for (Relay relay : relays) {
                relay.ready.await(30, TimeUnit.SECONDS);
            }
            try (Sink sink = new Sink(topic(hops - 1))) {
                paced(sink, 20, 5); // the chain's clients warm up
                Latencies latency = paced(sink, rate, seconds);
                long cpuBefore = cpuNanos();
                int flood = 50_000;
                long start = System.nanoTime();
                sink.expect(flood);
                try (KafkaProducer<String, byte[]> source = producer("bench-relay-source")) {
                    for (int i = 0; i < flood; i++) {
                        source.send(record(topic(0), i));
                    }
                }
                sink.await(Duration.ofMinutes(5));
                double seconds2 = (System.nanoTime() - start) / 1e9;
                double cpuMs = (cpuNanos() - cpuBefore) / 1e6;
                return new Figures(hops, recordSize, rate, latency, flood / seconds2, cpuMs / flood);
            }
        } finally {
            relays.forEach(Relay::finish);
            for (Relay relay : relays) {
                relay.join(10_000);
            }
            deleteTopics();
        }
    }

    /** Chains started at {@code rate} per second; the time from the first record's send to the last one's arrival. */
    private Latencies paced(Sink sink, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        sink.expect(total);
        try (KafkaProducer<String, byte[]> source = producer("bench-relay-source")) {
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                source.send(record(topic(0), i));
            }
        }
        return sink.await(Duration.ofMinutes(2));
    }

    /** The record's value opens with its send time, so that the sink knows how long its chain took. */
    private ProducerRecord<String, byte[]> record(String topic, int i) {
        byte[] value = new byte[recordSize];
        java.nio.ByteBuffer.wrap(value).putLong(System.nanoTime());
        return new ProducerRecord<>(topic, "notice-" + i, value);
    }

    /** CPU of this process and of the broker: all the chain uses. */
    private static long cpuNanos() {
        LoadRun.ProcessTable table = LoadRun.ProcessTable.read();
        return table.cpuNanos("kafka") + table.cpuNanos(LoadRun.ProcessTable.CLIENT);
    }

    /** One hop: consume a batch, produce it on, wait for every ack, commit. */
    private final class Relay extends Thread {

        final CountDownLatch ready = new CountDownLatch(1);
        private final String from;
        private final String to;
        private volatile boolean running = true;

        Relay(String from, String to) {
            super("relay " + from);
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, byte[]> consumer = consumer("bench-relay-" + from);
                    KafkaProducer<String, byte[]> producer = producer("bench-relay-" + to)) {
                consumer.subscribe(List.of(from));
                while (running) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                    if (ready.getCount() > 0 && !consumer.assignment().isEmpty()) {
                        consumer.assignment().forEach(consumer::position); // from here on, nothing is missed
                        ready.countDown();
                    }
                    List<Future<RecordMetadata>> sends = new ArrayList<>(batch.count());
                    for (ConsumerRecord<String, byte[]> r : batch) {
                        sends.add(producer.send(new ProducerRecord<>(to, r.key(), r.value())));
                    }
                    for (Future<RecordMetadata> send : sends) {
                        send.get(15, TimeUnit.SECONDS);
                    }
                    if (!batch.isEmpty()) {
                        consumer.commitAsync();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("relay " + from + " → " + to + " failed", e);
            }
        }

        void finish() {
            running = false;
        }
    }

    /** The chain's end, reading all the while on a thread of its own: counts arrivals and times their chains. */
    private final class Sink implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread reader;
        private volatile boolean running = true;
        private volatile Latencies latencies = new Latencies();
        private final AtomicInteger seen = new AtomicInteger();
        private volatile int expected;

        Sink(String topic) throws InterruptedException {
            consumer = consumer("bench-relay-sink");
            consumer.subscribe(List.of(topic));
            CountDownLatch ready = new CountDownLatch(1);
            reader = new Thread(() -> {
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                    if (ready.getCount() > 0 && !consumer.assignment().isEmpty()) {
                        consumer.assignment().forEach(consumer::position);
                        ready.countDown();
                    }
                    long now = System.nanoTime();
                    Latencies into = latencies;
                    synchronized (into) {
                        records.forEach(r -> into.add(now - java.nio.ByteBuffer.wrap(r.value()).getLong()));
                    }
                    seen.addAndGet(records.count());
                }
                consumer.close();
            }, "relay sink");
            reader.start();
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the relay chain's sink got no partitions");
            }
        }

        void expect(int count) {
            latencies = new Latencies();
            seen.set(0);
            expected = count;
        }

        Latencies await(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (seen.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the relay chain delivered " + seen + " of " + expected);
                }
                Thread.sleep(20);
            }
            return latencies;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5000);
        }
    }

    private KafkaProducer<String, byte[]> producer(String clientId) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2); // as the services' publishers
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private String topic(int hop) {
        return PREFIX + hop;
    }

    /** Topics made like the hop topics: their partitions, replicas and min.insync.replicas. */
    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            deleteTopics(admin); // left by an interrupted run
            var notices = KafkaBaseline.hopTopicShape(admin);
            short replicas = (short) notices.partitions().get(0).replicas().size();
            List<NewTopic> topics = new ArrayList<>();
            for (int i = 0; i < hops; i++) {
                topics.add(new NewTopic(topic(i), notices.partitions().size(), replicas)
                        .configs(Map.of("min.insync.replicas", String.valueOf(Math.min(2, replicas)))));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private void deleteTopics() throws Exception {
        try (Admin admin = admin()) {
            deleteTopics(admin);
        }
    }

    private void deleteTopics(Admin admin) throws Exception {
        List<String> ours = admin.listTopics().names().get().stream().filter(t -> t.startsWith(PREFIX)).toList();
        if (!ours.isEmpty()) {
            admin.deleteTopics(ours).all().get();
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.putAll(kafka);
        return Admin.create(props);
    }
}
