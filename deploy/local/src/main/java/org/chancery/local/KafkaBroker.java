package org.chancery.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode (each node both broker and controller), run in this
 * JVM from the Maven Central jars: one node for {@code make run}, or one node of a cluster. Its
 * log directory survives a restart, and with it every topic, record and committed offset. It is
 * closed: every client authenticates and may do only what {@link BrokerAccess} grants it.
 *
 * <p>The one place that starts Kafka through its internal server classes ({@code KafkaRaftServer},
 * {@code KafkaConfig}, the storage {@code Formatter}): no public API starts a broker in a JVM, and a
 * separate Kafka distribution is not on Maven Central. Those classes change between releases without
 * notice: {@code KafkaBrokerTest} starts, uses, stops and restarts the broker, and fails on any
 * Kafka other than the one this class was checked against ({@link #CHECKED_WITH}).
 */
public final class KafkaBroker implements AutoCloseable {

    /**
     * What every broker of Chancery's is given beside its defaults; compose's broker and the
     * cluster's get the same (checked by their tests).
     * <ul>
     * <li>Consumer groups under Kafka's consumer protocol (KIP-848, where the broker holds these; the
     * services' choice when {@code chancery.pipeline.group-protocol=consumer}): a member that stops
     * heartbeating is out after 10 s, as the services ask of the classic protocol, rather than the
     * default 45 s, and members hear of a new assignment within a second.</li>
     * <li>The controller appends a no-op record to the metadata log when nothing else happened for
     * 5 s, not 0.5 s: each one is loaded and published by every broker, a sixth of an idle broker's
     * CPU. Its only use is to show that the quorum is alive (KIP-835's metrics).</li>
     * </ul>
     */
    public static final Map<String, String> EVERY_BROKER = Map.of(
            "group.consumer.min.session.timeout.ms", "10000",
            "group.consumer.session.timeout.ms", "10000",
            "group.consumer.min.heartbeat.interval.ms", "1000",
            "group.consumer.heartbeat.interval.ms", "1000",
            "metadata.max.idle.interval.ms", "5000");

    /**
     * The Kafka release this class was written and tested against. After an upgrade, run
     * KafkaBrokerTest, check the internal classes above against the new release, then change this.
     */
    static final String CHECKED_WITH = "4.3.1";

    private static final String CONTROLLER = "CONTROLLER";
    private static final String CLIENTS = "CLIENTS";
    private static final String OUTSIDE = "OUTSIDE";
    /** The file a broker leaves in its data folder when it stopped cleanly; without it, its logs are checked. */
    private static final String CLEAN_SHUTDOWN = ".kafka_cleanshutdown";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final BrokerAccess access;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, BrokerAccess access) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.access = access;
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

    /**
     * Formats {@code dataDir} unless it holds a broker already (with the SCRAM credentials of
     * every principal of {@code access}), starts the node, and (on node 1) creates Chancery's
     * topics that do not exist yet and the ACLs. Returns once clients can use it; in a cluster,
     * node 1 returns once enough brokers have joined to hold every partition's copies.
     */
    public static KafkaBroker start(String host, int port, int controllerPort, int outsidePort, Node node,
            Path dataDir, BrokerAccess access, BrokerCertificates certificates) throws Exception {
        KafkaBroker broker = launch(host, port, node, dataDir, access,
                config(host, port, controllerPort, outsidePort, node, dataDir, access, certificates),
                access.scramArguments());
        if (node.id() == 1) {
            try (Admin admin = broker.admin()) {
                BrokerSetup.createTopics(admin, (short) node.replicas());
                BrokerSetup.grant(admin);
            } catch (Exception e) {
                broker.close();
                throw e;
            }
        }
        return broker;
    }

    /**
     * A broker of one as the compose file runs it before its init step: closed, with no topic, no
     * grant and no principal but {@value BrokerAccess#ADMIN}, who logs in with PLAIN on the clients'
     * listener (as on the compose broker's, from its JAAS file) and is the brokers' own login; SCRAM
     * is enabled there for the principals the init step makes. What {@code compose-init} is tested
     * against.
     */
    static KafkaBroker startBare(String host, int port, int controllerPort, int outsidePort, Path dataDir,
            BrokerAccess access, BrokerCertificates certificates) throws Exception {
        Node node = Node.alone(host, controllerPort);
        Map<String, Object> props = config(host, port, controllerPort, outsidePort, node, dataDir, access, certificates);
        props.put("listener.name.clients.sasl.enabled.mechanisms", BrokerAccess.MECHANISM + ",PLAIN");
        props.put("listener.name.clients.plain.sasl.jaas.config", access.controllerLogin());
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        return launch(host, port, node, dataDir, access, props, List.of());
    }

    /** The node's configuration: closed, every listener on {@code host}, its logs in {@code dataDir}. */
    private static Map<String, Object> config(String host, int port, int controllerPort, int outsidePort, Node node,
            Path dataDir, BrokerAccess access, BrokerCertificates certificates) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.id()));
        props.put("controller.quorum.voters", node.voters());
        props.put("listeners", CLIENTS + "://" + host + ":" + port + "," + CONTROLLER + "://" + host + ":" + controllerPort
                + "," + OUTSIDE + "://" + host + ":" + outsidePort);
        props.put("advertised.listeners", CLIENTS + "://" + host + ":" + port + "," + OUTSIDE + "://" + host + ":" + outsidePort);
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", CLIENTS);
        props.put("listener.security.protocol.map", CLIENTS + ":SASL_PLAINTEXT," + CONTROLLER + ":SASL_PLAINTEXT,"
                + OUTSIDE + ":SSL");
        // Outside consumers log in with a client certificate, its CN their principal (reader).
        props.put("listener.name.outside.ssl.keystore.type", "PKCS12");
        props.put("listener.name.outside.ssl.keystore.location", certificates.broker().toString());
        props.put("listener.name.outside.ssl.keystore.password", certificates.password());
        props.put("listener.name.outside.ssl.key.password", certificates.password());
        props.put("listener.name.outside.ssl.truststore.type", "PKCS12");
        props.put("listener.name.outside.ssl.truststore.location", certificates.truststore().toString());
        props.put("listener.name.outside.ssl.truststore.password", certificates.password());
        props.put("listener.name.outside.ssl.client.auth", "required");
        props.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        // Every client, the brokers among themselves included, logs in with SCRAM; the controllers
        // use PLAIN, whose users are configured here, as SCRAM's live in the metadata they serve.
        props.put("sasl.enabled.mechanisms", BrokerAccess.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", BrokerAccess.MECHANISM);
        props.put("listener.name.clients.scram-sha-512.sasl.jaas.config", access.scramLogin(BrokerAccess.ADMIN));
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config", access.controllerLogin());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + BrokerAccess.ADMIN);
        props.put("allow.everyone.if.no.acl.found", "false");
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
        props.putAll(EVERY_BROKER);
        // A broker sized for one machine that runs the whole stack: the compaction of the registry
        // topics needs a few megabytes, not the default 128 MB of heap, and a handful of threads
        // serve the services' requests.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("auto.create.topics.enable", "false");
        // After a hard stop, a broker cannot register again until the controller lets its dead
        // incarnation's lease expire (DUPLICATE_BROKER_REGISTRATION): 9 s by default, most of such a
        // restart. On one machine heartbeats do not cross a network: a 3 s lease is ample.
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "500");
        // Logs left unflushed by a hard stop are checked on both cores.
        props.put("num.recovery.threads.per.data.dir", "2");
        return props;
    }

    /**
     * Formats {@code dataDir} unless it holds a broker already (with {@code scramArguments}, the
     * SCRAM credentials it starts with), and starts the node on {@code props}.
     */
    private static KafkaBroker launch(String host, int port, Node node, Path dataDir, BrokerAccess access,
            Map<String, Object> props, List<String> scramArguments) throws Exception {
        Files.createDirectories(dataDir);
        KafkaConfig config = new KafkaConfig(props, false);

        if (Files.exists(dataDir.resolve("meta.properties")) && !Files.exists(dataDir.resolve(CLEAN_SHUTDOWN))) {
            System.out.println(Main.STATUS + "was not stopped cleanly: checking its logs (" + logsIn(dataDir) + ")");
        }
        Path closed = dataDir.resolve("chancery-closed");
        if (Files.exists(dataDir.resolve("meta.properties")) && !Files.exists(closed)) {
            throw new IllegalStateException("the broker data in " + dataDir + " was made before the broker required "
                    + "authentication, and has no credentials: move it away and start again (the services republish "
                    + "their registries; notices are kept by the ministry and the audit)");
        }
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(System.out)
                    .setClusterId(node.clusterId())
                    .setNodeId(node.id())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setDirectories(Set.of(dataDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments)
                    .run();
            Files.writeString(closed, "formatted with SCRAM credentials and ACLs\n");
        }

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, host + ":" + port, access);
    }

    /** How many partition logs a data folder holds, and their size. */
    private static String logsIn(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> segments = files.filter(f -> f.toString().endsWith(".log")).toList();
            long bytes = 0;
            for (Path segment : segments) {
                bytes += Files.size(segment);
            }
            long logs = segments.stream().map(Path::getParent).distinct().count();
            return logs + " partition logs, " + bytes / (1024 * 1024) + " MB";
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private Admin admin() {
        Map<String, Object> config = new HashMap<>(access.clientConfig(BrokerAccess.ADMIN));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
