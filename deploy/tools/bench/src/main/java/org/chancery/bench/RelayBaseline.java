package org.chancery.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The least a hop-by-hop system of Chancery's shape can cost on this broker: a chain of relays, each
 * consuming a batch from one topic and producing it to the next ({@code acks=all}, idempotent, the
 * services' linger), with no signing and no parsing, and by default no database. A chain as long as
 * a notice's, on topics made like the hop topics, measured at the rate Chancery sustained and as fast
 * as it goes; or with each {@link HandOver} at one rate, to weigh what once-only hand-overs cost.
 */
final class RelayBaseline {

    private static final String PREFIX = "chancery.bench.relay.";
    /** The tables of {@link HandOver#INBOX_OUTBOX}: the services' inbox and outbox, in a schema of their own. */
    private static final String SCHEMA = "bench_relay";

    /** How a relay hands a batch on, and what a crash between its steps can do. */
    enum HandOver {
        /** The batch's sends awaited, then its offsets committed: a crash between them relays it twice. */
        AT_LEAST_ONCE("sends awaited, then offsets committed"),
        /**
         * As the services: one PostgreSQL transaction records the batch's hops as consumed (the inbox,
         * which drops redeliveries) and stores what it emits (the outbox); then the sends, awaited, then
         * the offsets; the published records deleted each second in one statement.
         */
        INBOX_OUTBOX("inbox + outbox in one PostgreSQL transaction, sends awaited, offsets committed"),
        /** Kafka's transactions: the batch's sends and its offsets in one, its readers {@code read_committed}. */
        KAFKA_TRANSACTION("sends and offsets in one Kafka transaction");

        final String description;

        HandOver(String description) {
            this.description = description;
        }
    }

    /** What the chain did. */
    record Figures(int hops, int recordSize, int rate, Latencies latency, double maxChainsPerSecond,
            double cpuMsPerChain) {
    }

    /** The processes a chain uses: the benchmark's own, the broker, the database. */
    static final List<String> PROCESSES = List.of(LoadRun.ProcessTable.CLIENT, "kafka", "postgres (server)");

    /**
     * What the chain's processes and the database did over a window of {@code nanos}, in which
     * {@code chains} chains ran (none: the stack's background).
     */
    record Window(int chains, long nanos, Latencies latency, Map<String, Long> cpuNanos, long commits, long walBytes) {

        /** Counts the processes and the database while {@code work} runs. */
        static Window of(int chains, StackMetrics metrics, java.util.concurrent.Callable<Latencies> work)
                throws Exception {
            LoadRun.ProcessTable before = LoadRun.ProcessTable.read();
            StackMetrics.Snapshot counted = metrics.read();
            long start = System.nanoTime();
            Latencies latency = work.call();
            long nanos = System.nanoTime() - start;
            StackMetrics.Delta database = metrics.read().since(counted, nanos);
            LoadRun.ProcessTable after = LoadRun.ProcessTable.read();
            Map<String, Long> cpu = new LinkedHashMap<>();
            PROCESSES.forEach(p -> cpu.put(p, after.cpuNanos(p) - before.cpuNanos(p)));
            return new Window(chains, nanos, latency, cpu, database.commits(), database.walBytes());
        }
    }

    /** A PostgreSQL login, for {@link HandOver#INBOX_OUTBOX}. */
    record Database(String url, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private final Map<String, Object> kafka;
    private final int hops;
    private final int recordSize;
    private final HandOver handOver;
    private final Database database;

    RelayBaseline(Map<String, Object> kafka, int hops, int recordSize) {
        this(kafka, hops, recordSize, HandOver.AT_LEAST_ONCE, null);
    }

    RelayBaseline(Map<String, Object> kafka, int hops, int recordSize, HandOver handOver, Database database) {
        this.kafka = kafka;
        this.hops = hops;
        this.recordSize = recordSize;
        this.handOver = handOver;
        this.database = database;
        if (handOver == HandOver.INBOX_OUTBOX && database == null) {
            throw new IllegalArgumentException("an inbox and an outbox need a database");
        }
    }

    /** The chain at {@code rate} chains per second for {@code seconds}, then as fast as it goes. */
    Figures measure(int rate, int seconds) throws Exception {
        List<Relay> relays = startChain();
        try {
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
            stopChain(relays);
        }
    }

    /** The chain at {@code rate} chains per second for {@code seconds}, after a short warm-up. */
    Window measureAt(int rate, int seconds, StackMetrics metrics) throws Exception {
        List<Relay> relays = startChain();
        try (Sink sink = new Sink(topic(hops - 1))) {
            paced(sink, 20, 5); // the chain's clients warm up
            return Window.of(rate * seconds, metrics, () -> paced(sink, rate, seconds));
        } finally {
            stopChain(relays);
        }
    }

    private List<Relay> startChain() throws Exception {
        createTopics();
        if (handOver == HandOver.INBOX_OUTBOX) {
            createTables();
        }
        List<Relay> relays = new ArrayList<>();
        for (int i = 0; i < hops - 1; i++) {
            relays.add(new Relay(topic(i), topic(i + 1)));
        }
        relays.forEach(Relay::start);
        for (Relay relay : relays) {
            if (!relay.ready.await(30, TimeUnit.SECONDS)) {
                stopChain(relays);
                throw new IllegalStateException("relay " + relay.getName() + " got no partitions");
            }
        }
        return relays;
    }

    private void stopChain(List<Relay> relays) throws Exception {
        relays.forEach(Relay::finish);
        for (Relay relay : relays) {
            relay.join(10_000);
        }
        deleteTopics();
        if (handOver == HandOver.INBOX_OUTBOX) {
            try (Connection db = database.connect(); Statement sql = db.createStatement()) {
                sql.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    /** The services' inbox and outbox tables (db/outbox/V1__outbox_and_inbox.sql), fresh. */
    private void createTables() throws SQLException {
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
            sql.execute("create table " + SCHEMA + ".outbox (event_id uuid primary key, caused_by uuid, "
                    + "topic varchar(200) not null, record_key varchar(200) not null, ce_type varchar(100) not null, "
                    + "ce_time timestamp with time zone not null, payload text, traceparent varchar(55), "
                    + "created_at timestamp with time zone not null)");
            sql.execute("create index on " + SCHEMA + ".outbox (caused_by)");
            sql.execute("create index on " + SCHEMA + ".outbox (created_at)");
            sql.execute("create table " + SCHEMA + ".processed_event (event_id uuid primary key, "
                    + "processed_at timestamp with time zone not null)");
            sql.execute("create index on " + SCHEMA + ".processed_event (processed_at)");
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

    /**
     * The record's value opens with its send time, so that the sink knows how long its chain took;
     * it is text, as a hop is, so that an outbox stores it as it is.
     */
    private ProducerRecord<String, byte[]> record(String topic, int i) {
        byte[] value = new byte[Math.max(recordSize, SENT_DIGITS)];
        Arrays.fill(value, (byte) 'x');
        byte[] sent = String.format("%0" + SENT_DIGITS + "d", System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sent, 0, value, 0, SENT_DIGITS);
        return new ProducerRecord<>(topic, "notice-" + i, value);
    }

    private static final int SENT_DIGITS = 20;

    private static long sentAt(byte[] value) {
        return Long.parseLong(new String(value, 0, SENT_DIGITS, StandardCharsets.US_ASCII));
    }

    /** CPU of this process and of the broker: all the chain uses. */
    private static long cpuNanos() {
        LoadRun.ProcessTable table = LoadRun.ProcessTable.read();
        return table.cpuNanos("kafka") + table.cpuNanos(LoadRun.ProcessTable.CLIENT);
    }

    /** One hop: consume a batch, produce it on, hand it over as {@link #handOver} says. */
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
            Properties transactional = new Properties();
            if (handOver == HandOver.KAFKA_TRANSACTION) {
                transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-relay-" + from);
            }
            try (KafkaConsumer<String, byte[]> consumer = consumer("bench-relay-" + from);
                    KafkaProducer<String, byte[]> producer = producer("bench-relay-" + to, transactional);
                    Outbox outbox = handOver == HandOver.INBOX_OUTBOX ? new Outbox(database.connect()) : null) {
                if (handOver == HandOver.KAFKA_TRANSACTION) {
                    producer.initTransactions();
                }
                consumer.subscribe(List.of(from));
                while (running) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                    if (ready.getCount() > 0 && !consumer.assignment().isEmpty()) {
                        consumer.assignment().forEach(consumer::position); // from here on, nothing is missed
                        ready.countDown();
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    switch (handOver) {
                        case AT_LEAST_ONCE -> {
                            awaitAll(sendAll(producer, batch));
                            consumer.commitAsync();
                        }
                        case INBOX_OUTBOX -> {
                            List<ProducerRecord<String, byte[]>> emitted = outbox.store(batch, to);
                            awaitAll(emitted.stream().map(producer::send).toList());
                            outbox.published(emitted);
                            consumer.commitAsync();
                        }
                        case KAFKA_TRANSACTION -> {
                            producer.beginTransaction();
                            sendAll(producer, batch);
                            producer.sendOffsetsToTransaction(nextOffsets(batch), consumer.groupMetadata());
                            producer.commitTransaction();
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("relay " + from + " → " + to + " failed", e);
            }
        }

        private List<Future<RecordMetadata>> sendAll(KafkaProducer<String, byte[]> producer,
                ConsumerRecords<String, byte[]> batch) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(batch.count());
            for (ConsumerRecord<String, byte[]> r : batch) {
                sends.add(producer.send(new ProducerRecord<>(to, r.key(), r.value())));
            }
            return sends;
        }

        private static void awaitAll(List<Future<RecordMetadata>> sends) throws Exception {
            for (Future<RecordMetadata> send : sends) {
                send.get(15, TimeUnit.SECONDS);
            }
        }

        private static Map<TopicPartition, OffsetAndMetadata>
                nextOffsets(ConsumerRecords<String, byte[]> batch) {
            Map<TopicPartition, OffsetAndMetadata> next =
                    new HashMap<>();
            for (TopicPartition partition : batch.partitions()) {
                List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
                next.put(partition, new OffsetAndMetadata(
                        records.get(records.size() - 1).offset() + 1));
            }
            return next;
        }

        void finish() {
            running = false;
        }
    }

    /**
     * A relay's inbox and outbox, as the services keep them (the same tables and statements, one
     * row per hop): a batch's consumed ids and emitted records in one transaction; the published
     * records deleted at most once a second, in one statement that does not wait for the disk.
     */
    private static final class Outbox implements AutoCloseable {

        private final Connection db;
        private final List<UUID> published = new ArrayList<>();
        private final Map<ProducerRecord<String, byte[]>, UUID> ids = new IdentityHashMap<>();
        private long forgotten = System.nanoTime();

        Outbox(Connection db) throws SQLException {
            this.db = db;
            db.setAutoCommit(false);
        }

        /** Records the batch as consumed and stores what it emits (its new hops, on to {@code to}); returns those. */
        List<ProducerRecord<String, byte[]>> store(ConsumerRecords<String, byte[]> batch, String to)
                throws SQLException {
            Map<UUID, ConsumerRecord<String, byte[]>> consumed = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> r : batch) {
                consumed.put(UUID.nameUUIDFromBytes((r.topic() + "/" + r.partition() + "/" + r.offset())
                        .getBytes(StandardCharsets.US_ASCII)), r);
            }
            Set<UUID> first = new HashSet<>();
            try (PreparedStatement inbox = db.prepareStatement("insert into " + SCHEMA
                    + ".processed_event (event_id, processed_at) select *, now() from unnest(?::uuid[]) as u(event_id) "
                    + "on conflict do nothing returning event_id")) {
                inbox.setArray(1, db.createArrayOf("uuid", consumed.keySet().toArray()));
                try (ResultSet rows = inbox.executeQuery()) {
                    while (rows.next()) {
                        first.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            List<ProducerRecord<String, byte[]>> emitted = new ArrayList<>();
            List<Object> eventIds = new ArrayList<>();
            List<Object> causes = new ArrayList<>();
            List<Object> keys = new ArrayList<>();
            List<Object> payloads = new ArrayList<>();
            for (Map.Entry<UUID, ConsumerRecord<String, byte[]>> hop : consumed.entrySet()) {
                if (!first.contains(hop.getKey())) {
                    continue;
                }
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(to, hop.getValue().key(),
                        hop.getValue().value());
                UUID eventId = UUID.randomUUID();
                ids.put(record, eventId);
                emitted.add(record);
                eventIds.add(eventId);
                causes.add(hop.getKey());
                keys.add(record.key());
                payloads.add(new String(record.value(), StandardCharsets.US_ASCII));
            }
            if (!emitted.isEmpty()) {
                try (PreparedStatement outbox = db.prepareStatement("insert into " + SCHEMA + ".outbox "
                        + "(event_id, caused_by, topic, record_key, ce_type, ce_time, payload, traceparent, created_at) "
                        + "select e, c, ?, k, 'bench.hop', now(), p, null, now() "
                        + "from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[]) as u(e, c, k, p)")) {
                    outbox.setString(1, to);
                    outbox.setArray(2, db.createArrayOf("uuid", eventIds.toArray()));
                    outbox.setArray(3, db.createArrayOf("uuid", causes.toArray()));
                    outbox.setArray(4, db.createArrayOf("text", keys.toArray()));
                    outbox.setArray(5, db.createArrayOf("text", payloads.toArray()));
                    outbox.executeUpdate();
                }
            }
            db.commit();
            return emitted;
        }

        /** Marks the records acknowledged; deletes what was acknowledged once a second has passed. */
        void published(List<ProducerRecord<String, byte[]>> records) throws SQLException {
            records.forEach(r -> published.add(ids.remove(r)));
            if (System.nanoTime() - forgotten < 1_000_000_000L) {
                return;
            }
            try (Statement relaxed = db.createStatement();
                    PreparedStatement delete = db.prepareStatement(
                            "delete from " + SCHEMA + ".outbox where event_id = any(?)")) {
                relaxed.execute("set local synchronous_commit to off");
                delete.setArray(1, db.createArrayOf("uuid", published.toArray()));
                delete.executeUpdate();
            }
            db.commit();
            published.clear();
            forgotten = System.nanoTime();
        }

        @Override
        public void close() throws SQLException {
            db.close();
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
                        records.forEach(r -> into.add(now - sentAt(r.value())));
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
        return producer(clientId, new Properties());
    }

    private KafkaProducer<String, byte[]> producer(String clientId, Properties extra) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.putAll(extra);
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
