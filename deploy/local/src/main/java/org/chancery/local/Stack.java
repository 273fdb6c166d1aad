package org.chancery.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.chancery.events.Service;
import org.chancery.events.Topics;

/**
 * The whole of Chancery on one machine: the Kafka broker, a database (embedded unless one is
 * given) and the five services, each its own process (or several: {@link StackSettings#replicas}),
 * supervised. {@code make run} and the system tests both start it through here.
 */
public final class Stack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration TOKEN_LIFE = Duration.ofDays(30);
    /** The class data archive the build makes beside each service's jar. */
    private static final String APP_CDS = "app-cds.jsa";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackSettings settings;
    private final PrintStream console;
    private final Map<String, ChildProcess> children = new LinkedHashMap<>();
    /** Each service's instances, by instance number; a dead one stays listed. */
    private final Map<String, List<ChildProcess>> instances = new LinkedHashMap<>();
    /** The HTTP port of each instance, by instance name. */
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Duration> readyIn = new LinkedHashMap<>();
    /** Set once close() begins: no piece starts after it. Guarded by this. */
    private volatile boolean closing;
    private String jdbcUrl;
    /** The embedded database, unless one was given. */
    private LocalDatabase database;
    private LocalKeys keys;
    private LocalTokens tokens;
    private BrokerAccess access;
    private BrokerCertificates certificates;
    private NativeCryptoLibrary nativeCrypto;
    private final List<String> brokerAddresses = new ArrayList<>();

    private Stack(StackSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
        for (String service : settings.services().keySet()) {
            instances.put(service, new ArrayList<>());
            for (int i = 0; i < settings.replicas(); i++) {
                ports.put(StackSettings.instanceName(service, i), settings.port(service, i));
            }
        }
    }

    /** Starts everything and returns once every service answers ready. */
    public static Stack start(StackSettings settings, PrintStream console) throws Exception {
        return start(settings, console, stack -> { });
    }

    /**
     * Starts everything, handing the stack to {@code starting} before any piece starts (so that a
     * stop in the middle of the start reaches what has started), and returns once every service
     * answers ready.
     */
    private static Stack start(StackSettings settings, PrintStream console, java.util.function.Consumer<Stack> starting)
            throws Exception {
        claimHome(settings.home());
        stopLeftovers(settings, console);
        Stack stack = new Stack(settings, console);
        stack.checkPortsFree();
        starting.accept(stack);
        try {
            stack.startAll();
            stack.writeTokens();
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        stack.watchLiveness();
        return stack;
    }

    /** How many liveness answers of 503 in a row make the launcher restart a service, as a liveness probe would. */
    private static final int NOT_LIVE_BEFORE_RESTART = 3;
    private static final Duration LIVENESS_EVERY = Duration.ofSeconds(10);

    /**
     * Restarts a service instance whose {@code /q/health/live} says it is not live (a hop lane that keeps
     * failing) three times running, as an orchestrator's liveness probe would. Only a 503 counts: a piece
     * that does not answer at all (paused, starting) is the supervisor's business, not this.
     */
    private void watchLiveness() {
        Thread watch = new Thread(() -> {
            Map<String, Integer> notLive = new HashMap<>();
            while (!closing) {
                try {
                    Thread.sleep(LIVENESS_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                instances.forEach((service, running) -> {
                    for (int i = 0; i < running.size(); i++) {
                        ChildProcess child = running.get(i);
                        boolean down = statusOf(URI.create(url(service, i) + "/q/health/live")) == 503;
                        int count = down ? notLive.merge(child.name(), 1, Integer::sum) : 0;
                        notLive.put(child.name(), count);
                        if (count >= NOT_LIVE_BEFORE_RESTART && !closing) {
                            console.printf("%s  %s is not live (%s/q/health/live); restarting it%n",
                                    LocalTime.now().truncatedTo(ChronoUnit.SECONDS), child.name(), url(service, i));
                            notLive.put(child.name(), 0);
                            child.kill();
                        }
                    }
                });
            }
        }, "liveness");
        watch.setDaemon(true);
        watch.start();
    }

    /** {@code make run}: start, print where everything listens, and stay until Ctrl-C. */
    static void runForeground(StackSettings settings) throws Exception {
        PrintStream console = System.out;
        Stack[] running = new Stack[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running[0] != null) {
                console.println("\nStopping Chancery ...");
                running[0].close();
                console.println("Stopped.");
            }
            stopped.countDown();
        }, "stop-stack"));
        console.println("Starting Chancery (data and logs in " + settings.home() + ") ...");
        long started = System.nanoTime();
        start(settings, console, stack -> running[0] = stack).printBanner((System.nanoTime() - started) / 1_000_000);
        // The supervisor's start (PostgreSQL unpacked, certificates made, topics and grants set up)
        // leaves garbage it would hold while it runs: one full collection, with the Makefile's
        // -XX:-ShrinkHeapInSteps, gives it back at once. The services do the same (StartHeapRelease).
        System.gc();
        stopped.await();
    }

    /**
     * One stack per home: a second launcher on the same data would fight the first over its
     * processes. The claim is this process's pid in {@code home/launcher.pid}.
     */
    private static void claimHome(Path home) throws IOException {
        Files.createDirectories(home);
        Path claim = home.resolve("launcher.pid");
        if (Files.exists(claim)) {
            try {
                long pid = Long.parseLong(Files.readString(claim).trim());
                boolean running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .flatMap(h -> h.info().commandLine()).map(c -> c.contains("chancery")).orElse(false);
                if (running && pid != ProcessHandle.current().pid()) {
                    throw new IllegalStateException("Chancery is already running on " + home + " (pid " + pid
                            + "); stop it first (Ctrl-C in its terminal, or kill " + pid + ")");
                }
            } catch (NumberFormatException ignored) {
                // Not a claim this launcher wrote; take it over.
            }
        }
        Files.writeString(claim, Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Stops what a launcher killed before it could stop its pieces left running on this home (the
     * broker, the services, the embedded database), before their ports are checked: otherwise the
     * next start would find its own ports taken.
     */
    private static void stopLeftovers(StackSettings settings, PrintStream console) throws IOException {
        Path pids = settings.home().resolve("pids");
        if (Files.isDirectory(pids)) {
            try (var files = Files.list(pids)) {
                for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    ChildProcess.stopLeftover(pidFile, console);
                }
            }
        }
        if (settings.dbUrl() == null) {
            EmbeddedDatabase.stopLeftover(settings.home().resolve("postgres"));
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("the Kafka broker (CHANCERY_KAFKA_PORT)", settings.kafkaPort());
        ports.put("the Kafka controller (CHANCERY_CONTROLLER_PORT)", settings.controllerPort());
        ports.put("the Kafka listener for outside consumers (CHANCERY_OUTSIDE_PORT)", settings.outsidePort());
        if (settings.dbUrl() == null) {
            ports.put("the embedded PostgreSQL (CHANCERY_DB_PORT)", settings.dbPort());
        }
        this.ports.forEach(ports::put);
        ports.forEach((what, port) -> {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " for " + what + " is already in use");
            }
        });
    }

    public String bootstrapServers() {
        return String.join(",", brokerAddresses);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public StackSettings settings() {
        return settings;
    }

    /** {@code http://127.0.0.1:<port>} of a service's first instance. */
    public String url(String service) {
        return url(service, 0);
    }

    /** {@code http://127.0.0.1:<port>} of a service's instance, numbered from 0. */
    public String url(String service, int instance) {
        Integer port = ports.get(StackSettings.instanceName(service, instance));
        if (port == null) {
            throw new IllegalArgumentException("no instance " + instance + " of " + service);
        }
        return "http://127.0.0.1:" + port;
    }

    /** A piece by name: {@code kafka}, {@code embassy}, {@code embassy-1} (the second instance), ... */
    public ChildProcess child(String name) {
        return children.get(name);
    }

    /**
     * Starts one more instance of a service, numbered after the others, and returns it once it
     * answers ready: what a scaled-out deployment does when it adds a replica.
     */
    public ChildProcess addInstance(String service) throws IOException, InterruptedException {
        ChildProcess child;
        synchronized (this) {
            int number = instances.get(service).size();
            ports.put(StackSettings.instanceName(service, number), settings.port(service, number));
            child = startInstance(service, number);
        }
        readyIn.put(child.name(), child.awaitReady(READY_TIMEOUT));
        return child;
    }

    /**
     * SIGKILL to the services and the brokers, as a power cut would, and no restart; a test then
     * starts the stack again on the same home and settings. The database is left running.
     */
    public void crash() {
        children.values().forEach(ChildProcess::crash);
    }

    /** The outside consumers' address: mutual TLS, with {@link #brokerCertificates()}. */
    public String outsideServers() {
        return "127.0.0.1:" + settings.outsidePort();
    }

    public BrokerCertificates brokerCertificates() {
        return certificates;
    }

    /** A Kafka client's configuration for this stack's broker, as {@code principal} ({@link BrokerAccess}). */
    public Map<String, Object> kafkaClient(String principal) {
        Map<String, Object> config = new HashMap<>(access.clientConfig(principal));
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** The issuer of the tokens the services accept, for a client of this stack. */
    public LocalTokens tokens() {
        return tokens;
    }

    /** The keys the services sign with, for a test that writes hops in a service's name. */
    public LocalKeys keys() {
        return keys;
    }

    public Map<String, Duration> readyIn() {
        return Map.copyOf(readyIn);
    }

    private void startAll() throws Exception {
        keys = LocalKeys.in(settings.home(), settings.services().keySet());
        tokens = LocalTokens.in(settings.home());
        access = BrokerAccess.in(settings.home());
        certificates = BrokerCertificates.in(settings.home());
        nativeCrypto = new NativeCryptoLibrary(settings.home(), console);

        // The broker boots in its own JVM while the launcher starts the database itself.
        List<ChildProcess> brokers = settings.brokers() == 1 ? List.of(startBroker()) : startCluster();
        if (settings.dbUrl() == null) {
            long started = System.nanoTime();
            database = LocalDatabase.start(settings.dbPort(), settings.home(), console);
            readyIn.put("postgres", Duration.ofNanos(System.nanoTime() - started));
            jdbcUrl = database.url();
        } else {
            jdbcUrl = settings.dbUrl();
        }
        for (ChildProcess broker : brokers) {
            readyIn.put(broker.name(), broker.awaitReady(READY_TIMEOUT));
        }

        warnIfMoreReplicasThanPartitions();
        // One instance of every service at a time: a wave of JVMs starting on few cores is ready
        // sooner than all of them at once, and each wave's wait stays within the ready timeout.
        for (int i = 0; i < settings.replicas(); i++) {
            List<ChildProcess> wave = new ArrayList<>();
            for (String service : settings.services().keySet()) {
                wave.add(startInstance(service, i));
            }
            for (ChildProcess child : wave) {
                readyIn.put(child.name(), child.awaitReady(READY_TIMEOUT));
            }
        }
    }

    private ChildProcess startInstance(String service, int number) throws IOException {
        ChildProcess child = serviceProcess(service, number);
        launch(child);
        instances.get(service).add(child);
        return child;
    }

    /** Starts a piece, unless the stack is stopping: then nothing more starts, and close() has it all. */
    private synchronized void launch(ChildProcess child) throws IOException {
        if (closing) {
            throw new IllegalStateException("Chancery is stopping; " + child.name() + " not started");
        }
        children.put(child.name(), child);
        child.start();
    }

    /**
     * A consumer group shares a topic's partitions among its members: instances beyond the
     * partitions of a topic take none of its work (docs/topics.md says how to add partitions).
     */
    private void warnIfMoreReplicasThanPartitions() {
        int fewest = Topics.CATALOGUE.stream()
                .filter(t -> Topics.HOP_TOPICS.contains(t.name()))
                .mapToInt(Topics.TopicSpec::partitions).min().orElse(Integer.MAX_VALUE);
        if (settings.replicas() > fewest) {
            console.printf("Warning: %d instances of each service, but the hop topics have %d partitions each: "
                    + "%d instance(s) of each service will take no notices (docs/topics.md: adding partitions)%n",
                    settings.replicas(), fewest, settings.replicas() - fewest);
        }
    }

    private ChildProcess startBroker() throws IOException {
        brokerAddresses.add("127.0.0.1:" + settings.kafkaPort());
        ChildProcess broker = Pieces.kafka(settings.home(), settings.kafkaPort(), settings.controllerPort(),
                settings.outsidePort(), settings.classArchives(), console);
        launch(broker);
        return broker;
    }

    /** The brokers of a cluster, started together: each waits for a quorum of controllers. */
    private List<ChildProcess> startCluster() throws IOException {
        List<int[]> ports = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= settings.brokers(); id++) {
            int[] pair = id == 1 ? new int[] {settings.kafkaPort(), settings.controllerPort(), settings.outsidePort()}
                    : new int[] {StackSettings.freePort(), StackSettings.freePort(), StackSettings.freePort()};
            ports.add(pair);
            voters.add(id + "@127.0.0.1:" + pair[1]);
            brokerAddresses.add("127.0.0.1:" + pair[0]);
        }
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        List<ChildProcess> nodes = new ArrayList<>();
        for (int id = 1; id <= settings.brokers(); id++) {
            KafkaBroker.Node node = new KafkaBroker.Node(id, String.join(",", voters), clusterId,
                    Math.min(3, settings.brokers()));
            ChildProcess child = Pieces.kafkaNode(settings.home(), node, ports.get(id - 1)[0], ports.get(id - 1)[1],
                    ports.get(id - 1)[2], settings.classArchives(), console);
            launch(child);
            nodes.add(child);
        }
        return nodes;
    }

    private ChildProcess serviceProcess(String service, int instance) {
        String name = StackSettings.instanceName(service, instance);
        int port = ports.get(name);
        Path app = settings.root().resolve("services").resolve(service).resolve("target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(service + " is not built (" + app.resolve("quarkus-run.jar")
                    + " is missing): run make build");
        }
        List<String> command = new ArrayList<>();
        command.add(Pieces.java());
        command.addAll(settings.jvmOptions());
        // The class archive the build made (AppCDS) names the jar relative to its folder: the
        // service runs there, and starts with its classes already parsed and verified.
        if (Files.exists(app.resolve(APP_CDS))) {
            command.add("-XX:SharedArchiveFile=" + APP_CDS);
        }
        // One copy of the native cryptography library per home, which every service maps.
        command.addAll(nativeCrypto.jvmOptions(app.resolve("lib/main")));
        // Names the service in the process list (ps, the benchmarks, which add up its instances),
        // whatever folder it runs in.
        command.add("-Dchancery.service=" + service);
        command.add("-jar");
        command.add("quarkus-run.jar");
        Map<String, String> env = new HashMap<>(filesFromHere());
        env.putAll(keys.env(service));
        env.putAll(tokens.verifyEnv());
        // Metrics, the OpenAPI page and the APIs are for this machine, unless the operator says otherwise.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.putAll(settings.serviceEnv());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Stable across the instance's restarts: its consumers take their partitions back without a rebalance.
        env.put("CHANCERY_INSTANCE", String.valueOf(instance));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.putAll(access.serviceEnv(service));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        // The embedded database has a role per service; a database given is used as given.
        env.put("QUARKUS_DATASOURCE_USERNAME", database == null ? settings.dbUser() : database.user(service));
        env.put("QUARKUS_DATASOURCE_PASSWORD", database == null ? settings.dbPassword() : database.password(service));
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        return new ChildProcess(name, command, env, app, settings.home().resolve("logs"),
                settings.home().resolve("pids"), ChildProcess.Probe.polling(() -> answers(ready)), console, false);
    }

    /**
     * The reference files a user points the services at ({@code CHANCERY_..._FILE}), made absolute:
     * a service runs in its own folder, and a path given relative to where {@code make run} was
     * started would otherwise name nothing.
     */
    private static Map<String, String> filesFromHere() {
        Map<String, String> files = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("CHANCERY_") && name.endsWith("_FILE") && !value.isBlank()) {
                files.put(name, Path.of(value).toAbsolutePath().toString());
            }
        });
        return files;
    }

    private static boolean answers(URI uri) {
        return statusOf(uri) == 200;
    }

    /** The HTTP status a GET of {@code uri} answers; 0 if none comes within 2 s. */
    private static int statusOf(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void printBanner(long millis) {
        console.println();
        console.printf("Chancery is up in %.1f s. Ctrl-C stops everything.%n%n", millis / 1000.0);
        console.printf("  %-18s %-36s %s%n", "piece", "listens on", "ready in");
        console.printf("  %-18s %-36s %.1f s%n", "kafka", bootstrapServers(),
                seconds(children.containsKey("kafka") ? "kafka" : "kafka-1"));
        if (database != null) {
            console.printf("  %-18s %-36s %.1f s%n", "postgres", jdbcUrl, seconds("postgres"));
        } else {
            console.printf("  %-18s %-36s%n", "postgres", jdbcUrl + " (given)");
        }
        for (Map.Entry<String, List<ChildProcess>> service : instances.entrySet()) {
            for (int i = 0; i < service.getValue().size(); i++) {
                String name = StackSettings.instanceName(service.getKey(), i);
                console.printf("  %-18s %-36s %.1f s%n", name, url(service.getKey(), i), seconds(name));
            }
        }
        console.println();
        Path tokenFiles = settings.home().resolve("tokens");
        console.println("  Submit a notice:   curl -i -X POST " + url(Service.FOREIGN_MINISTRY.id()) + "/notices "
                + "-H \"Authorization: Bearer $(cat " + tokenFiles.resolve("USA.jwt") + ")\" "
                + "-H 'Content-Type: application/json' -d @docs/examples/notice-note-verbale.json");
        console.println("  Credentials:       " + tokenFiles + " (USA.jwt, hotline-operator.jwt, auditor.jwt; valid "
                + TOKEN_LIFE.toDays() + " days)");
        console.println("                     any state's: java -jar deploy/local/target/chancery-local.jar token --state DEU");
        console.println("  Audit pages:       " + url(Service.AUDIT.id()) + "/#token=" + tokens.auditor(TOKEN_LIFE));
        console.println("  USA's desk:        " + url(Service.FOREIGN_MINISTRY.id()) + "/desk/#token="
                + tokens.ministry("USA", TOKEN_LIFE));
        console.println("  DEU's desk:        " + url(Service.FOREIGN_MINISTRY.id()) + "/desk/#token="
                + tokens.ministry("DEU", TOKEN_LIFE));
        console.println("  API docs:          " + url(Service.FOREIGN_MINISTRY.id()) + "/q/swagger-ui");
        console.println("  Logs:              " + settings.home().resolve("logs"));
        console.println("  Signing keys:      " + keys.folder() + " (made for this machine; each service signs its hops)");
        console.println();
    }

    /** Tokens for trying the system out: the ministry of the United States, the hotline operator, an auditor. */
    private void writeTokens() throws IOException {
        Path folder = OwnerOnly.folder(settings.home().resolve("tokens"));
        OwnerOnly.write(folder.resolve("USA.jwt"), tokens.ministry("USA", TOKEN_LIFE) + "\n");
        OwnerOnly.write(folder.resolve("hotline-operator.jwt"), tokens.operator(TOKEN_LIFE) + "\n");
        OwnerOnly.write(folder.resolve("auditor.jwt"), tokens.auditor(TOKEN_LIFE) + "\n");
    }

    private double seconds(String piece) {
        Duration d = readyIn.get(piece);
        return d == null ? 0 : d.toMillis() / 1000.0;
    }

    /**
     * Stops the services first, then the database, then the broker; none is restarted meanwhile,
     * whichever exits first. Called during the start, it stops what has started, and nothing
     * starts after it; called again, it does nothing.
     */
    @Override
    public void close() {
        List<ChildProcess> reversed;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            reversed = new ArrayList<>(children.values());
        }
        reversed.forEach(ChildProcess::stopRestarting);
        java.util.Collections.reverse(reversed);
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess child : reversed) {
            if (!ports.containsKey(child.name())) {
                continue;
            }
            Thread t = new Thread(() -> child.stop(STOP_GRACE), "stop-" + child.name());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            database.close();
        }
        for (ChildProcess child : reversed) {
            if (!ports.containsKey(child.name())) {
                child.stop(STOP_GRACE);
            }
        }
        try {
            Files.deleteIfExists(settings.home().resolve("launcher.pid"));
        } catch (IOException ignored) {
            // A stale claim is recognised by its pid.
        }
    }
}
