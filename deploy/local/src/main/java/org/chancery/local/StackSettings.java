package org.chancery.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.chancery.events.Service;

/**
 * Where the stack runs: its home folder (data and logs), the broker's ports, the database, and
 * one HTTP port per service.
 *
 * @param root        the Chancery checkout, where the built services are
 * @param home        data and logs; the broker and embedded database keep their data here
 * @param kafkaPort   the broker's client port (SASL/SCRAM)
 * @param controllerPort the KRaft controller's port
 * @param outsidePort the port of outside consumers (mutual TLS)
 * @param dbUrl       a PostgreSQL database to use, or null for an embedded one
 * @param dbPort      the embedded database's port
 * @param services    service name to HTTP port, in start order
 * @param jvmOptions  options for every service JVM
 * @param serviceEnv  environment for every service, on top of what the launcher sets
 * @param brokers     1 for a single Kafka broker, or the size of a cluster (every partition
 *                    then kept on 3 of them, written to at least 2)
 * @param replicas    instances of every service; the first listens on the service's port
 * @param replicaPortStep how far apart the instances' ports are (8081, 8181, 8281 for 100), or 0
 *                    for free ports
 * @param classArchives whether the brokers keep a class archive in the home for their next start
 *                    ({@link Pieces#classArchive}): worth its ~2 s and 62 MB at a stop only where
 *                    the home is kept
 */
public record StackSettings(
        Path root,
        Path home,
        int kafkaPort,
        int controllerPort,
        int outsidePort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPort,
        Map<String, Integer> services,
        List<String> jvmOptions,
        Map<String, String> serviceEnv,
        int brokers,
        int replicas,
        int replicaPortStep,
        boolean classArchives) {

    public StackSettings {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas is 1 or more, not " + replicas);
        }
    }

    /** The five services and their fixed ports ({@link Service}), in start order. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    /**
     * Small heaps that shrink at once after a full collection (a service runs one when first ready:
     * {@code StartHeapRelease}), and the JIT compilers as {@link #jit} chooses.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * The services' JIT: {@code quick} runs the C1 compiler only (ADR 0008: on two cores, quicker to
     * start and warm); {@code tiered} adds the optimising C2 compiler, whose code runs the hop's
     * cryptography and JSON several times faster once warm.
     */
    static List<String> jit(String mode) {
        return switch (mode) {
            case "quick" -> List.of("-XX:TieredStopAtLevel=1");
            case "tiered" -> List.of();
            default -> throw new IllegalArgumentException("--jit is quick or tiered, not " + mode);
        };
    }

    static List<String> jvmOptions(String jit) {
        List<String> options = new java.util.ArrayList<>(DEFAULT_JVM_OPTIONS);
        options.addAll(jit(jit));
        return List.copyOf(options);
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            ports.put(service.id(), service.httpPort());
        }
        return java.util.Collections.unmodifiableMap(ports);
    }

    /**
     * Settings for a test run: free ports everywhere, so that it runs beside a {@code make run}
     * stack, and the given database or an embedded one.
     */
    public static StackSettings forTests(Path root, Path home, String dbUrl, String dbUser, String dbPassword,
            Map<String, String> serviceEnv) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, freePort()));
        return new StackSettings(root, home, freePort(), freePort(), freePort(), dbUrl, dbUser, dbPassword, freePort(),
                ports, jvmOptions("quick"), serviceEnv, 1, 1, 0, false);
    }

    /** These settings with a Kafka cluster of {@code count} brokers. */
    public StackSettings withBrokers(int count) {
        return new StackSettings(root, home, kafkaPort, controllerPort, outsidePort, dbUrl, dbUser, dbPassword, dbPort,
                services, jvmOptions, serviceEnv, count, replicas, replicaPortStep, classArchives);
    }

    /** These settings with {@code count} instances of every service. */
    public StackSettings withReplicas(int count) {
        return new StackSettings(root, home, kafkaPort, controllerPort, outsidePort, dbUrl, dbUser, dbPassword, dbPort,
                services, jvmOptions, serviceEnv, brokers, count, replicaPortStep, classArchives);
    }

    /**
     * The name of a service's instance, numbered from 0: the first keeps the service's name (its
     * log, its pid file), the others are {@code <service>-1}, {@code <service>-2}, ...
     */
    public static String instanceName(String service, int instance) {
        return instance == 0 ? service : service + "-" + instance;
    }

    /** The HTTP port of a service's instance: the service's own for the first, then a step apart, or a free one. */
    int port(String service, int instance) {
        int first = services.get(service);
        if (instance == 0) {
            return first;
        }
        return replicaPortStep > 0 ? first + instance * replicaPortStep : freePort();
    }

    /** Every port {@link #freePort()} has handed out in this JVM: never handed out again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): a port the system hands out
     * could be taken by some client's outgoing connection before the service binds it. Free now is
     * not enough: the ports of a stack are picked before any is bound, so a port already handed out
     * is never handed out again (two pieces of one stack given the same port, and one of them would
     * not start).
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
