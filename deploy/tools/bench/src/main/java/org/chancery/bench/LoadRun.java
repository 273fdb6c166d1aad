package org.chancery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chancery.events.Service;
import org.chancery.local.LocalTokens;

/**
 * One run of whole notices through a running system at a fixed rate, in an open loop: a notice is
 * submitted every 1/rate seconds whether or not earlier ones are done. Measures the ingress (POST
 * to 202), 202 to ACKNOWLEDGED (the receipt recorded, seen on {@code chancery.notices}), the time
 * each kind of hop takes, throughput, the consumer lag left at the end, and the CPU and memory of
 * every process of the stack.
 */
final class LoadRun {

    /** How long a run waits, after its last notice, for the receipts still on their way. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** What one run measured. */
    record Result(int rate, int seconds, int sent, Map<Integer, Integer> answers, int accepted, int acknowledged,
            double throughput, int verified, int sampled, long lag, Latencies ingress, Latencies endToEnd,
            Map<String, Latencies> perHop, ProcessTable before, ProcessTable after, long drainedNanos,
            long meanHopBytes, int hops, Map<String, Latencies> byPrecedence, Map<String, Latencies> ingressByPrecedence,
            Map<String, Integer> sentByPrecedence, StackMetrics.Delta stack) {

        /** Hop records per second while the run lasted (every hop of every notice, as the broker carries them). */
        double hopsPerSecond() {
            return hops / (drainedNanos / 1e9);
        }

        /** Answers other than 202. */
        int refused() {
            return sent - answers.getOrDefault(202, 0);
        }

        /** Hop records per notice acknowledged. */
        double hopsPerNotice() {
            return acknowledged == 0 ? Double.NaN : (double) hops / acknowledged;
        }

        int sentOf(String precedence) {
            return sentByPrecedence.getOrDefault(precedence, 0);
        }

        /** CPU every process of the stack spent per notice acknowledged (the benchmark's client apart), in ms. */
        double stackCpuMsPerNotice() {
            return after.names().stream().filter(p -> !ProcessTable.CLIENT.equals(p)).mapToDouble(this::cpuMsPerNotice)
                    .sum();
        }

        /** CPU a process spent per notice acknowledged, in milliseconds. */
        double cpuMsPerNotice(String process) {
            return acknowledged == 0 ? Double.NaN
                    : (after.cpuNanos(process) - before.cpuNanos(process)) / 1e6 / acknowledged;
        }
    }

    /**
     * What a run offers: notices at {@code rate} over {@code routes} in turn, and beside them FLASH
     * notices at {@code flashRate} (0 for none) over {@link #FLASH_ROUTES}.
     */
    record Mix(int rate, List<String[]> routes, int flashRate) {

        /** Every channel, every lane: the routes in turn. */
        static Mix standard(int rate) {
            return new Mix(rate, ROUTES, 0);
        }

        /** ROUTINE notices at {@code routineRate}, and a few FLASH ones beside them. */
        static Mix routineWithFlash(int routineRate, int flashRate) {
            return new Mix(routineRate, ROUTINE_ROUTES, flashRate);
        }

        int perSecond() {
            return rate + flashRate;
        }
    }

    /** Sender, receiver, kind, precedence: embassy, hotline and protecting power. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"USA", "DEU", "NOTE_VERBALE", "ROUTINE"},
            new String[] {"USA", "RUS", "DECONFLICTION_NOTICE", "FLASH"},
            new String[] {"USA", "IRN", "NOTE_VERBALE", "PRIORITY"},
            new String[] {"DEU", "ITA", "NOTE_VERBALE", "ROUTINE"});
    /** ROUTINE notices only: embassy and protecting power. */
    private static final List<String[]> ROUTINE_ROUTES = List.of(
            new String[] {"USA", "DEU", "NOTE_VERBALE", "ROUTINE"},
            new String[] {"DEU", "ITA", "NOTE_VERBALE", "ROUTINE"},
            new String[] {"USA", "IRN", "NOTE_VERBALE", "ROUTINE"});
    /** FLASH notices: by hotline, and by embassy where no line is built for the kind. */
    private static final List<String[]> FLASH_ROUTES = List.of(
            new String[] {"USA", "RUS", "DECONFLICTION_NOTICE", "FLASH"},
            new String[] {"DEU", "ITA", "NOTE_VERBALE", "FLASH"});
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUPS = Stream.of(Service.values()).map(Service::group).toList();

    private final String ministry;
    private final String audit;
    private final Map<String, Object> kafka;
    private final LocalTokens tokens;
    private final Mix mix;
    private final int rate;
    private final int seconds;
    private final int sample;
    private final StackMetrics metrics;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();
    /** When each notice's POST was sent: its precedence's latencies run from there, as its sender sees them. */
    private final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> acknowledgedAt = new ConcurrentHashMap<>();
    /** Receipts seen before the client had read the 202 of their notice. */
    private final Map<UUID, Long> earlyReceipts = new ConcurrentHashMap<>();
    private final Latencies ingress = new Latencies();
    private final Latencies endToEnd = new Latencies();
    private final Map<UUID, String> precedenceOf = new ConcurrentHashMap<>();
    private final Map<String, Latencies> byPrecedence = new ConcurrentHashMap<>();
    private final Map<String, Latencies> ingressByPrecedence = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sentByPrecedence = new ConcurrentHashMap<>();
    private final Map<String, Latencies> perHop = new TreeMap<>();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> hopTimes = new ConcurrentHashMap<>();
    private final LongAdder hopBytes = new LongAdder();
    private volatile boolean listening = true;
    private final CountDownLatch listenerReady = new CountDownLatch(1);

    LoadRun(LoadBenchmark.Target target, Mix mix, int seconds, int sample) {
        this.ministry = target.ministry();
        this.audit = target.audit();
        this.kafka = target.kafka();
        this.tokens = target.tokens();
        this.metrics = target.metrics();
        this.mix = mix;
        this.rate = mix.perSecond();
        this.seconds = seconds;
        this.sample = sample;
    }

    Result run() throws Exception {
        for (String service : List.of(ministry, audit)) {
            HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(service + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (ready.statusCode() != 200) {
                throw new IllegalStateException(service + " is not ready: start the system with make run first");
            }
        }
        Map<String, String> tokenOf = new TreeMap<>();
        java.util.stream.Stream.of(ROUTES, ROUTINE_ROUTES, FLASH_ROUTES).flatMap(List::stream)
                .forEach(r -> tokenOf.put(r[0], "Bearer " + tokens.ministry(r[0], Duration.ofHours(1))));
        Thread listener = new Thread(this::listen, "hop-listener");
        listener.start();
        if (!listenerReady.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not read the hop topics at " + kafka.get("bootstrap.servers"));
        }
        StackMetrics.Snapshot stackBefore = metrics.read();
        ProcessTable before = ProcessTable.read();
        long started = System.nanoTime();

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger mainSent = new AtomicInteger();
        int mainTotal = mix.rate() * seconds;
        int total = rate * seconds;
        clock.scheduleAtFixedRate(() -> {
            int i = mainSent.getAndIncrement();
            if (i < mainTotal) {
                sent.incrementAndGet();
                submit(mix.routes().get(i % mix.routes().size()), tokenOf);
            }
        }, 0, 1_000_000_000L / mix.rate(), TimeUnit.NANOSECONDS);
        if (mix.flashRate() > 0) {
            AtomicInteger flashSent = new AtomicInteger();
            int flashTotal = mix.flashRate() * seconds;
            clock.scheduleAtFixedRate(() -> {
                int i = flashSent.getAndIncrement();
                if (i < flashTotal) {
                    sent.incrementAndGet();
                    submit(FLASH_ROUTES.get(i % FLASH_ROUTES.size()), tokenOf);
                }
            }, 500_000_000L / mix.flashRate(), 1_000_000_000L / mix.flashRate(), TimeUnit.NANOSECONDS);
        }
        while (sent.get() < total) {
            Thread.sleep(1000); // the progress line, once a second
            progress(started, sent.get());
        }
        clock.shutdown();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (acknowledgedAt.size() < acceptedAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            progress(started, sent.get());
        }
        long drainedNanos = acknowledgedAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime())
                - started;
        ProcessTable after = ProcessTable.read();
        StackMetrics.Delta stack = metrics.read().since(stackBefore, drainedNanos);
        System.out.println();
        long lag = lag(kafka);
        listening = false;
        listener.join(5000);
        int verified = verifySample(sample);
        Map<Integer, Integer> answered = new TreeMap<>();
        answers.forEach((status, count) -> answered.put(status, count.get()));
        Map<String, Integer> sentOf = new TreeMap<>();
        sentByPrecedence.forEach((precedence, count) -> sentOf.put(precedence, count.get()));
        return new Result(rate, seconds, total, answered, acceptedAt.size(), acknowledgedAt.size(),
                acknowledgedAt.size() / (drainedNanos / 1e9), verified, Math.min(sample, acknowledgedAt.size()), lag,
                ingress, endToEnd, perHop, before, after, drainedNanos,
                hopTimes.isEmpty() ? 0 : hopBytes.sum() / hopTimes.size(), hopTimes.size(), new TreeMap<>(byPrecedence),
                new TreeMap<>(ingressByPrecedence), sentOf, stack);
    }

    private void submit(String[] route, Map<String, String> tokenOf) {
        String body = "{\"from\":\"" + route[0] + "\",\"to\":\"" + route[1] + "\",\"kind\":\"" + route[2]
                + "\",\"precedence\":\"" + route[3] + "\",\"subject\":\"Load\",\"body\":\"A notice of the load benchmark.\"}";
        sentByPrecedence.computeIfAbsent(route[3], p -> new AtomicInteger()).incrementAndGet();
        long start = System.nanoTime();
        http.sendAsync(HttpRequest.newBuilder(URI.create(ministry + "/notices")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", tokenOf.get(route[0]))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    int status = failure != null ? -1 : response.statusCode();
                    answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 202) {
                        long now = System.nanoTime();
                        synchronized (ingress) {
                            ingress.add(now - start);
                        }
                        Latencies ofPrecedence = ingressByPrecedence.computeIfAbsent(route[3], p -> new Latencies());
                        synchronized (ofPrecedence) {
                            ofPrecedence.add(now - start);
                        }
                        try {
                            String location = response.headers().firstValue("Location").orElseThrow();
                            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
                            precedenceOf.put(id, route[3]);
                            sentAt.put(id, start);
                            acceptedAt.put(id, now);
                            Long early = earlyReceipts.remove(id);
                            if (early != null) {
                                acknowledged(id, now, early);
                            }
                        } catch (Exception e) {
                            answers.computeIfAbsent(-2, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
    }

    /**
     * Every hop topic, by name, so that the benchmark also follows a build whose topics are named
     * otherwise (the one before the lanes, to compare with).
     */
    private static final Pattern HOP_TOPICS = Pattern.compile("chancery\\.(dispatch\\..+|delivery.*|notices.*)");

    /** Reads every hop from now on: the time of each kind of hop, and each receipt recorded. */
    private void listen() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chancery-bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(HOP_TOPICS);
            while (listening) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (listenerReady.getCount() > 0 && !consumer.assignment().isEmpty()) {
                    consumer.assignment().forEach(consumer::position); // from here on, nothing is missed
                    listenerReady.countDown();
                }
                for (ConsumerRecord<String, String> record : records) {
                    hop(record);
                }
            }
        }
    }

    /**
     * One hop seen: its time after its parent's, and the receipts. Read from the CloudEvents headers
     * and one field of the value, so that following every hop costs the benchmark little beside the
     * system it measures.
     */
    private void hop(ConsumerRecord<String, String> record) {
        String value = record.value();
        hopBytes.add(value == null ? 0 : value.length());
        String id = header(record, "ce_id");
        String ceType = header(record, "ce_type");
        String time = header(record, "ce_time");
        if (id == null || ceType == null || time == null || value == null) {
            return; // not a hop this benchmark can read; it is the audit's to judge
        }
        try {
            UUID event = UUID.fromString(id);
            Instant at = Instant.parse(time);
            hopTimes.put(event, at);
            String type = ceType.replace("chancery.", "");
            String parentId = field(value, "\"parentId\":\"");
            Instant parent = parentId == null ? null : hopTimes.get(UUID.fromString(parentId));
            if (parent != null) {
                Latencies hops = perHop.computeIfAbsent(type, t -> new Latencies());
                synchronized (hops) {
                    hops.add(Duration.between(parent, at).toNanos());
                }
            }
            if ("receipt.recorded".equals(type)) {
                UUID notice = UUID.fromString(record.key());
                long now = System.nanoTime();
                Long accepted = acceptedAt.get(notice);
                if (accepted == null) {
                    earlyReceipts.put(notice, now);
                } else {
                    acknowledged(notice, accepted, now);
                }
            }
        } catch (RuntimeException e) {
            // Not a hop this benchmark can read; it is the audit's to judge.
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The string value that follows {@code prefix} in a JSON text, or null. */
    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /**
     * A receipt seen before its 202 was read counts as no time after it; by precedence, the time
     * runs from the POST, which does not depend on when the client got to read the answer.
     */
    private void acknowledged(UUID notice, long accepted, long seen) {
        if (acknowledgedAt.putIfAbsent(notice, seen) == null) {
            synchronized (endToEnd) {
                endToEnd.add(Math.max(0, seen - accepted));
            }
            Latencies ofPrecedence = byPrecedence.computeIfAbsent(precedenceOf.getOrDefault(notice, "?"),
                    p -> new Latencies());
            synchronized (ofPrecedence) {
                ofPrecedence.add(seen - sentAt.getOrDefault(notice, accepted));
            }
        }
    }

    private void progress(long started, int sent) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        double p99;
        synchronized (endToEnd) {
            p99 = endToEnd.percentileMs(0.99);
        }
        System.out.printf("\r%5.0f s  offered %d/s  sent %d  accepted %d  acknowledged %d  p99 202→ack %.0f ms   ",
                elapsed, rate, sent, acceptedAt.size(), acknowledgedAt.size(), p99);
    }

    /** Records on the hop topics not yet read by the services' consumer groups. */
    static long lag(Map<String, Object> kafka) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            long lag = 0;
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> c : committed.entrySet()) {
                    lag += Math.max(0, ends.get(c.getKey()).offset() - c.getValue().offset());
                }
            }
            return lag;
        }
    }

    /** Of a sample of the acknowledged notices, how many the audit holds complete and verified. */
    private int verifySample(int size) throws Exception {
        String auditor = "Bearer " + tokens.auditor(Duration.ofHours(1));
        int verified = 0;
        List<UUID> ids = new ArrayList<>(acknowledgedAt.keySet());
        java.util.Collections.shuffle(ids, new java.util.Random(7));
        for (UUID id : ids.subList(0, Math.min(size, ids.size()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(audit + "/notices/" + id + "/path"))
                        .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode path = r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
                if (path.path("complete").asBoolean() && path.path("verified").asBoolean()) {
                    verified++;
                    break;
                }
                Thread.sleep(200);
            }
        }
        return Math.min(verified, size);
    }

    /** The stack's processes, by name, with their CPU time so far and resident memory. */
    record ProcessTable(Map<String, long[]> byName) {

        /** The benchmark's own process: the load generator, and the relay chain of the baseline. */
        static final String CLIENT = "benchmark client";

        static ProcessTable read() {
            Map<String, long[]> table = new TreeMap<>();
            long tick = 10_000_000L; // USER_HZ is 100 on Linux: a tick is 10 ms
            ProcessHandle.allProcesses().forEach(p -> {
                String cmd = p.info().commandLine().orElse("");
                String name = p.pid() == ProcessHandle.current().pid() ? CLIENT
                        : cmd.contains("-Dchancery.service=") ? cmd.replaceFirst(".*-Dchancery\\.service=(\\S+).*", "$1")
                        : cmd.contains("quarkus-run.jar") ? cmd.replaceFirst(".*services/([^/]+)/target/quarkus-app.*", "$1")
                        : cmd.contains("org.chancery.local.Main broker") ? "kafka"
                        : cmd.contains("org.chancery.local.Main postgres") ? "postgres (launcher)"
                        : cmd.contains("chancery-local.jar run") ? "supervisor"
                        : embeddedPostgres(p) ? "postgres (server)" : null;
                if (name == null) {
                    return;
                }
                try {
                    String[] stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"))
                            .replaceFirst("^.*\\) ", "").split(" ");
                    long cpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * tick;
                    // PSS: shared pages (the database's shared memory) shared out, so that the sum is true;
                    // RSS too, which counts them once in every process that maps them.
                    List<String> memory = Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "smaps_rollup"));
                    table.merge(name, new long[] {cpu, kb(memory, "Pss:"), kb(memory, "Rss:")},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
                } catch (Exception e) {
                    // The process ended meanwhile.
                }
            });
            return new ProcessTable(table);
        }

        private static long kb(List<String> smapsRollup, String field) {
            return smapsRollup.stream().filter(l -> l.startsWith(field)).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0L);
        }

        /** The embedded database's server and its backends (the machine's own PostgreSQL is not the stack's). */
        private static boolean embeddedPostgres(ProcessHandle p) {
            return p.info().command().orElse("").contains("embedded-pg") || p.parent()
                    .map(parent -> parent.info().command().orElse("").contains("embedded-pg")).orElse(false);
        }

        List<String> names() {
            return List.copyOf(byName.keySet());
        }

        long cpuNanos(String name) {
            return byName.getOrDefault(name, new long[3])[0];
        }

        /** Proportional set size: shared pages shared out. */
        long pssMb(String name) {
            return byName.getOrDefault(name, new long[3])[1] / 1024;
        }

        long rssMb(String name) {
            return byName.getOrDefault(name, new long[3])[2] / 1024;
        }

        /** Every process but the benchmark's client. */
        long stackPssMb() {
            return stack().mapToLong(v -> v[1]).sum() / 1024;
        }

        long stackRssMb() {
            return stack().mapToLong(v -> v[2]).sum() / 1024;
        }

        private java.util.stream.Stream<long[]> stack() {
            return byName.entrySet().stream().filter(e -> !CLIENT.equals(e.getKey())).map(Map.Entry::getValue);
        }
    }
}
