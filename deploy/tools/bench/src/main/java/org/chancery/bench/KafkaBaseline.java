package org.chancery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;

/**
 * What the broker alone does on this machine at this moment: Kafka's own {@code ProducerPerformance}
 * (records per second, as fast as it can, every record on every in-sync replica) and
 * {@code EndToEndLatency} (one record at a time, produced and consumed), from kafka-tools at the
 * broker's version, against the broker Chancery runs on, on a topic made like the hop topics.
 */
final class KafkaBaseline {

    static final String TOPIC = "chancery.bench.baseline";

    /** The figures of both tools. */
    record Figures(int recordSize, long records, double recordsPerSecond, double mbPerSecond, double produceP50Ms,
            double produceP99Ms, int roundTrips, double endToEndP50Ms, double endToEndP99Ms, double endToEndAvgMs) {
    }

    private final Map<String, Object> kafka;
    private final int recordSize;

    /** @param kafka a client configuration: the bootstrap servers and the operator's login */
    KafkaBaseline(Map<String, Object> kafka, int recordSize) {
        this.kafka = kafka;
        this.recordSize = recordSize;
    }

    Figures measure() throws Exception {
        createTopic();
        try {
            long records = 200_000;
            Path login = loginFile();
            String produced = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC,
                    "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                    "--throughput", "-1", "--producer.config", login.toString(), "--producer-props", "acks=all",
                    "linger.ms=1");
            Matcher p = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\).*?"
                    + "(\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th").matcher(produced);
            int roundTrips = 2_000;
            String roundTrip = tool("org.apache.kafka.tools.EndToEndLatency", kafka.get("bootstrap.servers").toString(),
                    TOPIC, String.valueOf(roundTrips), "all", String.valueOf(recordSize), login.toString());
            Matcher avg = Pattern.compile("Avg latency: ([\\d.]+) ms").matcher(roundTrip);
            Matcher e = Pattern.compile("50th = ([\\d.]+), 99th = ([\\d.]+)").matcher(roundTrip);
            if (!p.find() || !avg.find() || !e.find()) {
                throw new IllegalStateException("unexpected output of Kafka's tools:\n" + produced + "\n" + roundTrip);
            }
            return new Figures(recordSize, Long.parseLong(p.group(1)), Double.parseDouble(p.group(2)),
                    Double.parseDouble(p.group(3)), Double.parseDouble(p.group(4)), Double.parseDouble(p.group(5)),
                    roundTrips, Double.parseDouble(e.group(1)), Double.parseDouble(e.group(2)),
                    Double.parseDouble(avg.group(1)));
        } finally {
            deleteTopic();
        }
    }

    /** Partitions and replicas as the hop topics have them, so that the broker does the same work. */
    private void createTopic() throws Exception {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get().contains(TOPIC)) {
                admin.deleteTopics(List.of(TOPIC)).all().get(); // left by an interrupted run
            }
            var notices = hopTopicShape(admin);
            short replicas = (short) notices.partitions().get(0).replicas().size();
            admin.createTopics(List.of(new NewTopic(TOPIC, notices.partitions().size(), replicas)
                    .configs(Map.of("min.insync.replicas", String.valueOf(Math.min(2, replicas)))))).all().get();
        }
    }

    /**
     * A hop topic, to make the benchmark's topics like it: the ROUTINE lane's notices topic, or the
     * one notices topic of a build from before the lanes, so that one benchmark measures both.
     */
    static TopicDescription hopTopicShape(Admin admin) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        String lane = HopTopic.NOTICES.in(Lane.ROUTINE);
        String topic = names.contains(lane) ? lane : "chancery.notices";
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private void deleteTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        }
    }

    private Admin admin() {
        return Admin.create(kafka);
    }

    /** The client configuration as a properties file, for Kafka's tools; readable by its owner only. */
    private Path loginFile() throws IOException {
        Path file = Files.createTempFile("chancery-bench-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        Properties props = new Properties();
        kafka.forEach((key, value) -> props.setProperty(key, value.toString()));
        try (var out = Files.newOutputStream(file)) {
            props.store(out, null);
        }
        return file;
    }

    /** Runs one of Kafka's tools in a JVM of its own, on this benchmark's class path, and returns what it printed. */
    private static String tool(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
