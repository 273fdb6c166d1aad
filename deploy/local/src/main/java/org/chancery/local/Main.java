package org.chancery.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chancery.events.HopType;
import org.chancery.events.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local launcher: {@code broker} and {@code postgres} run one piece each in the foreground;
 * {@code run} starts and supervises the whole stack. Every piece prints one line starting with
 * {@value #READY} when it can be used. An unknown option or a missing value is an error with the
 * command's usage.
 */
@Command(name = "java -jar chancery-local.jar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {Main.Run.class, Main.Broker.class, Main.Postgres.class, Main.Keys.class, Main.RotateBag.class,
                Main.Secrets.class, Main.KafkaUsersCommand.class, Main.ComposeBrokerCommand.class,
                Main.ComposeInitCommand.class, Main.Token.class, Main.Revoke.class, Main.DemoCommand.class},
        footer = "The options of run and demo, revoke's --kafka and every --home can also be given as "
                + "CHANCERY_<OPTION>, e.g. CHANCERY_DB_URL.")
public final class Main implements Runnable {

    /** The line a piece prints once it is usable: {@code READY <piece> <address>}. */
    public static final String READY = "READY ";
    /** A line a piece prints to say what it is doing while it is not yet ready; the launcher shows it. */
    public static final String STATUS = "STATUS ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    public static void main(String[] args) {
        CommandLine line = commandLine();
        if (args.length == 0 || args[0].equals("help")) {
            line.usage(System.out);
            return;
        }
        int code = line.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The launcher's command line: an option it does not know, or one without its value, prints
     * what was wrong and the command's usage; a value the command refuses prints why. Both end with 2.
     * Arguments are taken as given ({@code --token @FILE} is the command's to read).
     */
    public static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    /** The command line, reading option defaults from {@code environment}. */
    static CommandLine commandLine(UnaryOperator<String> environment) {
        return new CommandLine(new Main()).setExpandAtFiles(false)
                .setDefaultValueProvider(new Environment(environment))
                .setParameterExceptionHandler((e, args) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println("chancery: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
                    e.getCommandLine().usage(err);
                    return 2;
                }).setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                        command.getErr().println("chancery: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    /**
     * {@code CHANCERY_<OPTION>} as an option's default, when set and not blank: for every option of
     * {@code run} and {@code demo}, {@code revoke --kafka} and every {@code --home}. Not for the
     * pieces {@code run} starts ({@code broker}, {@code postgres}), which inherit the stack's
     * environment and are given every option on their command line.
     */
    static final class Environment implements CommandLine.IDefaultValueProvider {
        private final UnaryOperator<String> environment;

        Environment(UnaryOperator<String> environment) {
            this.environment = environment;
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            String command = option.command().name();
            String name = option.longestName().substring(2);
            boolean read = command.equals("run") || command.equals("demo") || name.equals("home")
                    || command.equals("revoke") && name.equals("kafka");
            String value = read ? environment.apply("CHANCERY_" + name.toUpperCase(Locale.ROOT).replace('-', '_')) : null;
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** The launcher's version, as the build wrote it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            return new String[] {"chancery-local " + EmbeddedDatabase.built("version")};
        }
    }

    /** Where a command keeps its keys, passwords and data. */
    static class Home {
        @Option(names = "--home", defaultValue = ".run", description = "data, keys and logs "
                + "(default ${DEFAULT-VALUE})")
        Path home;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "The broker, a database and the five services, supervised (Ctrl-C stops all).")
    static class Run extends Home implements Callable<Integer> {
        @Option(names = "--kafka-port", defaultValue = "9092", description = "broker port")
        int kafkaPort;
        @Option(names = "--controller-port",
                description = "KRaft controller port (kafka-port + 1)")
        Integer controllerPort;
        @Option(names = "--outside-port",
                description = "outside consumers, mutual TLS (kafka-port + 2)")
        Integer outsidePort;
        @Option(names = "--http-host",
                description = "where the services listen (127.0.0.1, this machine only)")
        String httpHost;
        @Option(names = "--db-url",
                description = "use this PostgreSQL instead of an embedded one")
        String dbUrl;
        @Option(names = "--db-user", defaultValue = "postgres")
        String dbUser;
        @Option(names = "--db-password", defaultValue = "")
        String dbPassword;
        @Option(names = "--db-port", defaultValue = "5433",
                description = "the embedded PostgreSQL's port")
        int dbPort;
        @Option(names = "--root", defaultValue = ".", description = "the Chancery checkout")
        Path root;
        @Option(names = "--brokers", defaultValue = "1", description = "a Kafka cluster of N brokers")
        int brokers;
        @Option(names = "--replicas", defaultValue = "1", description = "instances of every "
                + "service: the first on the service's port, the others 100 apart (8081, 8181, 8281)")
        int replicas;
        @Option(names = "--jit", defaultValue = "quick",
                description = "the services' JIT: quick (C1 only) or tiered")
        String jit;

        @Override
        public Integer call() throws Exception {
            Stack.runForeground(new StackSettings(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(),
                    kafkaPort, orElse(controllerPort, kafkaPort + 1), orElse(outsidePort, kafkaPort + 2),
                    blankToNull(dbUrl), dbUser, dbPassword, dbPort, StackSettings.DEFAULT_PORTS,
                    StackSettings.jvmOptions(jit), blankToNull(httpHost) == null ? Map.of()
                            : Map.of("QUARKUS_HTTP_HOST", httpHost), brokers, replicas, 100, true));
            return 0;
        }
    }

    /** A piece run by another process: it can stop with it. */
    static class Piece extends Home {
        @Option(names = "--exit-with-parent", description = "stop when standard input closes (the parent is gone)")
        boolean exitWithParent;
    }

    @Command(name = "broker", mixinStandardHelpOptions = true, description = "A Kafka broker in KRaft mode.")
    static class Broker extends Piece implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1")
        String host;
        @Option(names = "--port", defaultValue = "9092")
        int port;
        @Option(names = "--controller-port", description = "(port + 1)")
        Integer controllerPort;
        @Option(names = "--outside-port", description = "outside consumers, mutual TLS (port + 2)")
        Integer outsidePort;
        @Option(names = "--data", defaultValue = ".run/kafka")
        Path data;
        @Option(names = "--node-id", defaultValue = "1", description = "in a cluster: this broker's id")
        int nodeId;
        @Option(names = "--voters", description = "in a cluster: 1@H:P,2@H:P,...")
        String voters;
        @Option(names = "--cluster-id", description = "in a cluster: its id")
        String clusterId;
        @Option(names = "--replication-factor", defaultValue = "1")
        int replicationFactor;

        @Override
        public Integer call() throws Exception {
            int controller = orElse(controllerPort, port + 1);
            KafkaBroker.Node alone = KafkaBroker.Node.alone(host, controller);
            KafkaBroker.Node node = new KafkaBroker.Node(nodeId, voters == null ? alone.voters() : voters,
                    clusterId == null ? alone.clusterId() : clusterId, replicationFactor);
            long started = System.nanoTime();
            KafkaBroker broker = KafkaBroker.start(host, port, controller, orElse(outsidePort, port + 2), node, data,
                    BrokerAccess.in(home), BrokerCertificates.in(home));
            ready("kafka", broker.bootstrapServers(), started);
            stayUntilStopped(exitWithParent, broker);
            return 0;
        }
    }

    @Command(name = "postgres", mixinStandardHelpOptions = true, description = "An embedded PostgreSQL on 127.0.0.1, "
            + "database chancery, a role per service: data in HOME/postgres, passwords in HOME/keys/db-*.password.")
    static class Postgres extends Piece implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "5433")
        int port;

        @Override
        public Integer call() throws Exception {
            long started = System.nanoTime();
            LocalDatabase db = LocalDatabase.start(port, home, System.out);
            ready("postgres", db.url(), started);
            stayUntilStopped(exitWithParent, db);
            return 0;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "Make signing keys for the services (or show those in --home), as environment lines.")
    static class Keys extends Home implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LocalKeys keys = LocalKeys.in(home, StackSettings.DEFAULT_PORTS.keySet());
            System.out.println("# Signing keys kept in " + keys.folder() + "; give each service its own private key");
            System.out.println(LocalKeys.TRUSTED_KEYS + "=" + keys.trusted());
            for (String service : HopType.emitters()) {
                System.out.println("# " + service);
                System.out.println(LocalKeys.PRIVATE_KEY + "=" + keys.env(service).get(LocalKeys.PRIVATE_KEY));
            }
            System.out.println("# " + LocalKeys.BAG_HOLDER + " alone: the bag secrets it seals and opens bodies with");
            System.out.println(LocalKeys.BAG_SECRETS + "=" + keys.bagSecrets());
            return 0;
        }
    }

    @Command(name = "rotate-bag", mixinStandardHelpOptions = true, description = "Add a bag secret generation: bodies "
            + "are sealed with it from the ministry's next start; older generations still open what they sealed.")
    static class RotateBag extends Home implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LocalKeys keys = LocalKeys.in(home, List.of());
            int generation = keys.rotateBag();
            System.out.println("bag secret generation " + generation + " kept in " + keys.folder()
                    + "; restart the ministry (or apply the cluster's Secrets again) to seal with it");
            return 0;
        }
    }

    @Command(name = "secrets", mixinStandardHelpOptions = true, description = "The Kubernetes Secrets for a cluster "
            + "(signing keys, bag secrets, token issuer, database passwords), made in --home and printed as YAML: "
            + "... | kubectl apply -f -")
    static class Secrets implements Callable<Integer> {
        @Option(names = "--home", required = true, description = "the folder that keeps this cluster's keys (not .run)")
        Path home;

        @Override
        public Integer call() throws Exception {
            System.out.print(ClusterSecrets.yaml(home));
            return 0;
        }
    }

    @Command(name = "kafka-users", mixinStandardHelpOptions = true,
            description = "The broker's principals and grants as Strimzi KafkaUser resources (deploy/k8s).")
    static class KafkaUsersCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(KafkaUsers.yaml());
            return 0;
        }
    }

    @Command(name = "compose-broker", mixinStandardHelpOptions = true, description = "The compose broker's JAAS file "
            + "and its admin's client configuration, written into --home from the passwords in HOME/keys.")
    static class ComposeBrokerCommand implements Callable<Integer> {
        @Option(names = "--home", defaultValue = "deploy/compose", description = "(default ${DEFAULT-VALUE})")
        Path home;

        @Override
        public Integer call() throws Exception {
            ComposeBroker.write(home);
            return 0;
        }
    }

    @Command(name = "compose-init", mixinStandardHelpOptions = true, description = "Make a running compose broker "
            + "ready for the services, logged in as its admin: the catalogue's topics, the principals' SCRAM "
            + "credentials (passwords read from HOME/keys, never made) and their grants; what is there is left as it is.")
    static class ComposeInitCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--bootstrap", required = true, description = "the broker, e.g. kafka:29092")
        String bootstrap;
        @Option(names = "--home", defaultValue = "deploy/compose", description = "(default ${DEFAULT-VALUE})")
        Path home;
        @Option(names = "--admin-config", description = "the admin's client configuration (HOME/" + ComposeBroker.ADMIN
                + ")")
        Path adminConfig;
        @Option(names = "--wait", defaultValue = "60", description = "seconds to wait for the broker (${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws Exception {
            if (waitSeconds < 1) {
                throw new IllegalArgumentException("--wait is a number of seconds, at least 1");
            }
            ComposeInit.run(bootstrap, adminConfig(), home, Duration.ofSeconds(waitSeconds), spec.commandLine().getOut());
            return 0;
        }

        /** The admin's client configuration: --admin-config, or the one compose-broker writes into HOME. */
        Path adminConfig() {
            return adminConfig == null ? home.resolve(ComposeBroker.ADMIN) : adminConfig;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue an access token from the issuer "
            + "in --home: for the ministry of --state, or for --role hotline-operator or auditor.")
    static class Token extends Home implements Callable<Integer> {
        @Option(names = "--state", description = "an ISO 3166-1 alpha-3 code such as USA")
        String state;
        @Option(names = "--role", description = "hotline-operator or auditor")
        String role;
        @Option(names = "--days", defaultValue = "30", description = "how long it is valid (at most 90)")
        int days;

        @Override
        public Integer call() throws Exception {
            LocalTokens tokens = LocalTokens.in(home);
            Duration valid = Duration.ofDays(days);
            if (state != null && !state.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("--state is an ISO 3166-1 alpha-3 code such as USA, not " + state);
            }
            String as = role != null ? role : state == null ? null : LocalTokens.MINISTRY;
            System.out.println(switch (String.valueOf(as)) {
                case LocalTokens.MINISTRY -> tokens.ministry(state, valid);
                case LocalTokens.OPERATOR -> tokens.operator(valid);
                case LocalTokens.AUDITOR -> tokens.auditor(valid);
                default -> throw new IllegalArgumentException("give --state XXX, or --role hotline-operator or auditor");
            });
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token this issuer made: every service refuses it within seconds.")
    static class Revoke extends Home implements Callable<Integer> {
        @Option(names = "--token", required = true, description = "the token, or @FILE to read it from a file")
        String given;
        @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
                description = "the broker, reached as the token-issuer principal")
        String kafka;

        @Override
        public Integer call() throws Exception {
            String token = given.startsWith("@") ? Files.readString(Path.of(given.substring(1))).trim() : given.trim();
            LocalTokens tokens = LocalTokens.in(home);
            String id = LocalTokens.revocationKey(token);
            Map<String, Object> config = new HashMap<>(BrokerAccess.in(home).clientConfig(BrokerAccess.TOKEN_ISSUER));
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.TOKENS_REVOKED, id, tokens.revocation(token)))
                        .get(30, TimeUnit.SECONDS);
            }
            System.out.println("revoked token " + id + " on " + Topics.TOKENS_REVOKED);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Tell the reference story with real notices, against a running system.")
    static class DemoCommand extends Home implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "where the services are, when no URL is given")
        String host;
        @Option(names = "--ministry", description = "(http://HOST:8081)")
        String ministry;
        @Option(names = "--hotline-url", description = "(http://HOST:8083)")
        String hotline;
        @Option(names = "--audit", description = "(http://HOST:8085)")
        String audit;

        @Override
        public Integer call() throws Exception {
            Demo.run(orElse(blankToNull(ministry), "http://" + host + ":8081"),
                    orElse(blankToNull(hotline), "http://" + host + ":8083"),
                    orElse(blankToNull(audit), "http://" + host + ":8085"), LocalTokens.in(home));
            return 0;
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
    private static void stayUntilStopped(boolean exitWithParent, AutoCloseable piece) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                piece.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
            stopped.countDown();
        }, "stop"));
        if (exitWithParent) {
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
