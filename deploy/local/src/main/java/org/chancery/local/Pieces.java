package org.chancery.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.events.Digests;

/**
 * The broker and the embedded database as child processes: each runs this launcher in its own
 * JVM, prints its {@code READY} line, and exits when the process that started it is gone.
 */
public final class Pieces {

    /**
     * A broker's heap holds requests in flight, not the records (those are in the page cache). The
     * broker keeps both compilers: under load its C2 code costs a third less CPU than C1's.
     */
    private static final List<String> BROKER_JVM = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private Pieces() {
    }

    /**
     * A Kafka broker keeping its data in {@code home/kafka}; with {@code classArchive}, one that
     * starts again from the classes of its last run ({@link #classArchive}), where the home is kept.
     */
    public static ChildProcess kafka(Path home, int port, int controllerPort, int outsidePort, boolean classArchive,
            PrintStream console) {
        return piece("kafka", home, BROKER_JVM, classArchive, console, "broker",
                "--home", home.toString(),
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--outside-port", String.valueOf(outsidePort),
                "--data", home.resolve("kafka").toString());
    }

    /**
     * Node {@code id} of a Kafka cluster, keeping its data in {@code home/kafka-<id>}; its piece is
     * named {@code kafka-<id>}.
     */
    public static ChildProcess kafkaNode(Path home, KafkaBroker.Node node, int port, int controllerPort,
            int outsidePort, boolean classArchive, PrintStream console) {
        String name = "kafka-" + node.id();
        return piece(name, home, BROKER_JVM, classArchive, console, "broker",
                "--home", home.toString(),
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--outside-port", String.valueOf(outsidePort),
                "--node-id", String.valueOf(node.id()),
                "--voters", node.voters(),
                "--cluster-id", node.clusterId(),
                "--replication-factor", String.valueOf(node.replicas()),
                "--data", home.resolve(name).toString());
    }

    /**
     * An embedded PostgreSQL keeping its data in {@code home/postgres} and its passwords in
     * {@code home/keys}; the first start unpacks its binaries in memory.
     */
    public static ChildProcess postgres(Path home, int port, PrintStream console) {
        return piece("postgres", home, List.of("-Xmx256m", "-XX:+UseSerialGC"), false, console, "postgres",
                "--port", String.valueOf(port),
                "--home", home.toString());
    }

    /** The superuser's password of the embedded PostgreSQL whose home is {@code home}. */
    public static String postgresPassword(Path home) throws IOException {
        return DatabaseRoles.password(home, DatabaseRoles.SUPERUSER);
    }

    /** The address in a piece's {@code READY} line: the bootstrap servers or the JDBC URL. */
    public static String address(ChildProcess piece) {
        return piece.readyMessage().split(" ")[2];
    }

    private static ChildProcess piece(String name, Path home, List<String> jvmOptions, boolean classArchive,
            PrintStream console, String command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(java());
        line.addAll(jvmOptions);
        String classPath = classPath();
        if (classArchive) {
            line.addAll(classArchive(home, name, Path.of(classPath.split(File.pathSeparator)[0])));
        }
        line.add("-cp");
        line.add(classPath);
        line.add(Main.class.getName());
        line.add(command);
        line.addAll(List.of(args));
        line.add("--exit-with-parent");
        return new ChildProcess(name, line, Map.of(), home.resolve("logs"), home.resolve("pids"),
                ChildProcess.Probe.line(l -> l.startsWith(Main.READY)), console, true);
    }

    /**
     * The classes a piece loaded on its last run, parsed and verified, kept in {@code home/cds/<piece>}:
     * the JVM writes the archive when the piece stops and maps it on later starts, where a broker
     * starts on ~2 s less CPU, on the two cores a start shares with five services (docs/benchmarks.md).
     * The archive is named after what it was made from (the JDK, and the name, size and time of
     * every jar of the class path): the JVM neither loads nor writes over an archive of another
     * class path, so one made before a build is removed, as is one cut short before its header was
     * written. None for a launcher run from a classes folder, which the JVM cannot archive.
     */
    static List<String> classArchive(Path home, String name, Path launcher) {
        if (!Files.isRegularFile(launcher)) {
            return List.of();
        }
        try {
            Path folder = Files.createDirectories(home.resolve("cds").resolve(name));
            Path archive = folder.resolve(madeFrom(launcher) + ".jsa");
            try (var archives = Files.list(folder)) {
                for (Path other : archives.filter(Files::isRegularFile).toList()) {
                    if (!other.equals(archive) || !startsWith(other, DYNAMIC_ARCHIVE_MAGIC)) {
                        Files.delete(other);
                    }
                }
            }
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // started without one, as the first time
        }
    }

    /** How a JVM's dynamic class archive begins (0xf00baba8, little-endian as on x86 and ARM). */
    static final byte[] DYNAMIC_ARCHIVE_MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

    /** A digest of the JDK and of the name, size and time of the launcher's jar and every library beside it. */
    private static String madeFrom(Path launcher) throws IOException {
        StringBuilder made = new StringBuilder(System.getProperty("java.vm.vendor") + " " + Runtime.version());
        List<Path> jars = new ArrayList<>(List.of(launcher));
        try (var libraries = Files.list(launcher.getParent().resolve("lib"))) {
            libraries.sorted().forEach(jars::add);
        }
        for (Path jar : jars) {
            made.append('\n').append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis());
        }
        return Digests.sha256Hex(made.toString()).substring(0, 16);
    }

    private static boolean startsWith(Path file, byte[] magic) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The launcher's class path: its jar, or in a build tree its classes, with the {@code lib}
     * folder beside it. When the launcher was loaded from elsewhere (a local Maven repository),
     * the built launcher of the checkout the process runs in is used.
     */
    static String classPath() {
        Path loaded;
        try {
            loaded = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path self = Files.isDirectory(loaded.getParent().resolve("lib")) ? loaded : builtLauncher().orElseThrow(
                () -> new IllegalStateException("the launcher's libraries are missing beside " + loaded
                        + ": build it first (make build)"));
        return self + File.pathSeparator + self.getParent().resolve("lib") + File.separator + "*";
    }

    private static Optional<Path> builtLauncher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("deploy/local/target/chancery-local.jar");
            if (Files.exists(jar) && Files.isDirectory(jar.getParent().resolve("lib"))) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }
}
