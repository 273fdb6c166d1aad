package org.chancery.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.chancery.events.Topics;

/**
 * A real Apache Kafka broker in KRaft mode (each node both broker and controller), run in this
 * JVM from the Maven Central jars: one node for {@code make run}, or one node of a cluster. Its
 * log directory survives a restart, and with it every topic, record and committed offset.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** One node of a cluster: its id, the controller quorum, and how many copies every partition keeps. */
    public record Node(int id, String voters, String clusterId, int replicas) {

        /** A cluster of one: this node alone, each partition kept once. */
        public static Node alone(String host, int controllerPort) {
            return new Node(1, "1@" + host + ":" + controllerPort, Uuid.randomUuid().toString(), 1);
        }

        /** Writes are acknowledged by two copies wherever there are two to be had. */
        int minInSyncReplicas() {
            return Math.min(2, replicas);
        }
    }

    /** A single broker: see {@link #start(String, int, int, Node, Path)}. */
    public static KafkaBroker start(String host, int port, int controllerPort, Path dataDir) throws Exception {
        return start(host, port, controllerPort, Node.alone(host, controllerPort), dataDir);
    }

    /**
     * Formats {@code dataDir} unless it holds a broker already, starts the node, and (on node 1)
     * creates Chancery's topics that do not exist yet. Returns once clients can use it; in a
     * cluster, node 1 returns once enough brokers have joined to hold every partition's copies.
     */
    public static KafkaBroker start(String host, int port, int controllerPort, Node node, Path dataDir)
            throws Exception {
        Files.createDirectories(dataDir);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.id()));
        props.put("controller.quorum.voters", node.voters());
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        String replicas = String.valueOf(node.replicas());
        String minIsr = String.valueOf(node.minInSyncReplicas());
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("num.partitions", "6");
        // A consumer group should not wait for members that will never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        // A broker sized for one machine that runs the whole stack: the compaction of the registry
        // topics needs a few megabytes, not the default 128 MB of heap, and a handful of threads
        // serve the services' requests.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("auto.create.topics.enable", "false");
        KafkaConfig config = new KafkaConfig(props, false);

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(System.out)
                    .setClusterId(node.clusterId())
                    .setNodeId(node.id())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setDirectories(Set.of(dataDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, host + ":" + port);
        if (node.id() == 1) {
            try {
                broker.createTopics((short) node.replicas());
            } catch (Exception e) {
                broker.close();
                throw e;
            }
        }
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the missing topics, waiting (up to two minutes) for enough brokers to hold their copies. */
    private void createTopics(short replicas) throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Admin admin = Admin.create(props)) {
            while (admin.describeCluster().nodes().get().size() < replicas) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + replicas + " brokers joined the cluster");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.CATALOGUE.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicas).configs(spec.config()))
                    .toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Waits at most {@code timeout} for the broker to stop; used by the shutdown hook. */
    static void awaitQuietly(Runnable stop, long timeout, TimeUnit unit) {
        Thread stopper = new Thread(stop, "kafka-stop");
        stopper.start();
        try {
            stopper.join(unit.toMillis(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
