package org.chancery.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chancery.events.Topics;

/**
 * The local launcher: {@code broker} and {@code postgres} run one piece each in the foreground;
 * {@code run} starts and supervises the whole stack. Every piece prints one line starting with
 * {@value #READY} when it can be used.
 */
public final class Main {

    /** The line a piece prints once it is usable: {@code READY <piece> <address>}. */
    public static final String READY = "READY ";
    /** A line a piece prints to say what it is doing while it is not yet ready; the launcher shows it. */
    public static final String STATUS = "STATUS ";

    private static final String USAGE = """
            usage: java -jar chancery-local.jar <command> [options]
              run       the broker, a database and the five services, supervised (Ctrl-C stops all)
                          --home DIR         data and logs (default .run)
                          --kafka-port N     broker port (default 9092)
                          --http-host H      where the services listen (default 127.0.0.1, this machine only)
                          --db-url URL       use this PostgreSQL instead of an embedded one
                          --db-user U        (default postgres)   --db-password P
                          --root DIR         the Chancery checkout (default .)
                          --brokers N        a Kafka cluster of N brokers (default 1)
                          --replicas N       instances of every service (default 1): the first on the
                                             service's port, the others 100 apart (8081, 8181, 8281)
              broker    a Kafka broker in KRaft mode
                          --host H (127.0.0.1) --port N (9092) --controller-port N (port+1)
                          --outside-port N (port+2: outside consumers, mutual TLS)
                          --data DIR (.run/kafka)  --home DIR (.run: the principals' passwords, in keys/)
                          in a cluster: --node-id N --voters 1@H:P,2@H:P,... --cluster-id ID --replication-factor N
              postgres  an embedded PostgreSQL on 127.0.0.1, database chancery, a role per service
                          --port N (5433) --home DIR (.run: data in postgres/, passwords in keys/db-*.password)
              keys      make signing keys for the services (or show those in --home), as environment lines
                          --home DIR         where they are kept (default .run)
              rotate-bag  add a bag secret generation in --home (default .run): bodies are sealed with it from
                          the ministry's next start; older generations still open the notices they sealed
              secrets   the Kubernetes Secrets for a cluster (signing keys, bag secrets, token issuer,
                          database passwords),
                          made in --home DIR (required) and printed as YAML: ... | kubectl apply -f -
              kafka-users  the broker's principals and grants as Strimzi KafkaUser resources (deploy/k8s)
              compose-broker  the compose broker's login file and init script from the same grants, written
                          into --home DIR (default deploy/compose), with the passwords in DIR/keys
              token     issue an access token from the issuer in --home (default .run)
                          --state XXX        for the ministry of that state, or
                          --role R           hotline-operator or auditor
                          --days N           how long it is valid (default 30, at most 90)
              revoke    revoke a token this issuer made: every service refuses it within seconds
                          --token T          the token, or @FILE to read it from a file
                          --home DIR (.run)  --kafka H:P (127.0.0.1:9092), as the token-issuer principal
              demo      tell the reference story with real notices, against a running system
                          --ministry URL (http://127.0.0.1:8081) --hotline-url URL (…:8083)
                          --audit URL (…:8085)
            Every option can also be given as CHANCERY_<OPTION>, e.g. CHANCERY_DB_URL.
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            return;
        }
        try {
            Options options = Options.parse(args, 1);
            switch (args[0]) {
                case "broker" -> broker(options);
                case "postgres" -> postgres(options);
                case "run" -> Stack.runForeground(StackSettings.from(options));
                case "demo" -> Demo.run(options);
                case "keys" -> keys(options);
                case "rotate-bag" -> rotateBag(options);
                case "secrets" -> secrets(options);
                case "kafka-users" -> System.out.print(KafkaUsers.yaml());
                case "compose-broker" -> ComposeBroker.write(Path.of(options.get("home", "deploy/compose")));
                case "token" -> token(options);
                case "revoke" -> revoke(options);
                default -> {
                    System.err.print("unknown command: " + args[0] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("chancery: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void broker(Options options) throws Exception {
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 9092);
        int controllerPort = options.getInt("controller-port", port + 1);
        Path data = Path.of(options.get("data", ".run/kafka"));
        KafkaBroker.Node alone = KafkaBroker.Node.alone(host, controllerPort);
        KafkaBroker.Node node = new KafkaBroker.Node(options.getInt("node-id", 1), options.get("voters", alone.voters()),
                // Not "replicas": CHANCERY_REPLICAS, which make run's services take, reaches the broker too.
                options.get("cluster-id", alone.clusterId()), options.getInt("replication-factor", 1));
        long started = System.nanoTime();
        Path home = Path.of(options.get("home", ".run"));
        KafkaBroker broker = KafkaBroker.start(host, port, controllerPort, options.getInt("outside-port", port + 2), node,
                data, BrokerAccess.in(home), BrokerCertificates.in(home));
        ready("kafka", broker.bootstrapServers(), started);
        stayUntilStopped(options, broker);
    }

    private static void postgres(Options options) throws Exception {
        long started = System.nanoTime();
        LocalDatabase db = LocalDatabase.start(options.getInt("port", 5433), Path.of(options.get("home", ".run")),
                System.out);
        ready("postgres", db.url(), started);
        stayUntilStopped(options, db);
    }

    /** Each service's signing environment, for a deployment's secrets: the private key is the service's alone. */
    private static void keys(Options options) throws java.io.IOException {
        LocalKeys keys = LocalKeys.in(Path.of(options.get("home", ".run")), StackSettings.DEFAULT_PORTS.keySet());
        System.out.println("# Signing keys kept in " + keys.folder() + "; give each service its own private key");
        System.out.println(LocalKeys.TRUSTED_KEYS + "=" + keys.trusted());
        for (String service : org.chancery.events.HopType.emitters()) {
            System.out.println("# " + service);
            System.out.println(LocalKeys.PRIVATE_KEY + "=" + keys.env(service).get(LocalKeys.PRIVATE_KEY));
        }
        System.out.println("# " + LocalKeys.BAG_HOLDER + " alone: the bag secrets it seals and opens bodies with");
        System.out.println(LocalKeys.BAG_SECRETS + "=" + keys.bagSecrets());
    }

    private static void rotateBag(Options options) throws java.io.IOException {
        LocalKeys keys = LocalKeys.in(Path.of(options.get("home", ".run")), java.util.List.of());
        int generation = keys.rotateBag();
        System.out.println("bag secret generation " + generation + " kept in " + keys.folder()
                + "; restart the ministry (or apply the cluster's Secrets again) to seal with it");
    }

    private static void secrets(Options options) throws java.io.IOException {
        String home = options.get("home", null);
        if (home == null) {
            throw new IllegalArgumentException("give --home DIR: the folder that keeps this cluster's keys (not .run)");
        }
        System.out.print(ClusterSecrets.yaml(Path.of(home)));
    }

    private static void token(Options options) throws java.io.IOException {
        LocalTokens tokens = LocalTokens.in(Path.of(options.get("home", ".run")));
        java.time.Duration valid = java.time.Duration.ofDays(options.getInt("days", 30));
        String state = options.get("state", null);
        if (state != null && !state.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("--state is an ISO 3166-1 alpha-3 code such as USA, not " + state);
        }
        String role = options.get("role", state == null ? null : LocalTokens.MINISTRY);
        System.out.println(switch (String.valueOf(role)) {
            case LocalTokens.MINISTRY -> tokens.ministry(state, valid);
            case LocalTokens.OPERATOR -> tokens.operator(valid);
            case LocalTokens.AUDITOR -> tokens.auditor(valid);
            default -> throw new IllegalArgumentException("give --state XXX, or --role hotline-operator or auditor");
        });
    }

    private static void revoke(Options options) throws Exception {
        String given = options.get("token", null);
        if (given == null) {
            throw new IllegalArgumentException("give --token with the token to revoke, or @FILE");
        }
        String token = given.startsWith("@") ? Files.readString(Path.of(given.substring(1))).trim() : given.trim();
        LocalTokens tokens = LocalTokens.in(Path.of(options.get("home", ".run")));
        String id = LocalTokens.revocationKey(token);
        Map<String, Object> config = new java.util.HashMap<>(BrokerAccess.in(Path.of(options.get("home", ".run")))
                .clientConfig(BrokerAccess.TOKEN_ISSUER));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka", "127.0.0.1:9092"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TOKENS_REVOKED, id, tokens.revocation(token))).get(30, TimeUnit.SECONDS);
        }
        System.out.println("revoked token " + id + " on " + Topics.TOKENS_REVOKED);
    }

    private static void ready(String piece, String address, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        System.out.println(READY + piece + " " + address + " in " + millis + " ms");
        System.out.flush();
    }

    /**
     * Runs until SIGTERM or Ctrl-C, then closes the piece cleanly. With {@code --exit-with-parent}
     * it also stops when its standard input closes, that is when the process that started it is
     * gone, so that no broker outlives a killed test run.
     */
    private static void stayUntilStopped(Options options, AutoCloseable piece) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                piece.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
            stopped.countDown();
        }, "stop"));
        if (options.has("exit-with-parent")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // The parent never writes; end of input means it has gone.
                    }
                } catch (java.io.IOException ignored) {
                    // Same as end of input.
                }
                System.exit(0);
            }, "parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }
}
