package org.chancery.local;

import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The broker and the embedded database as child processes: each runs this launcher in its own
 * JVM, prints its {@code READY} line, and exits when the process that started it is gone.
 */
public final class Pieces {

    private Pieces() {
    }

    /** A Kafka broker keeping its data in {@code home/kafka}. */
    public static ChildProcess kafka(Path home, int port, int controllerPort, PrintStream console) {
        return piece("kafka", home, List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"), console, "broker",
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--data", home.resolve("kafka").toString());
    }

    /** An embedded PostgreSQL keeping its data in {@code home/postgres}. */
    public static ChildProcess postgres(Path home, int port, PrintStream console) {
        return piece("postgres", home, List.of("-Xmx64m", "-XX:+UseSerialGC"), console, "postgres",
                "--port", String.valueOf(port),
                "--data", home.resolve("postgres").toString());
    }

    /** The address in a piece's {@code READY} line: the bootstrap servers or the JDBC URL. */
    public static String address(ChildProcess piece) {
        return piece.readyMessage().split(" ")[2];
    }

    private static ChildProcess piece(String name, Path home, List<String> jvmOptions, PrintStream console,
            String command, String... args) {
        List<String> line = new ArrayList<>();
        line.add(java());
        line.addAll(jvmOptions);
        line.add("-cp");
        line.add(classPath());
        line.add(Main.class.getName());
        line.add(command);
        line.addAll(List.of(args));
        line.add("--exit-with-parent");
        return new ChildProcess(name, line, Map.of(), home.resolve("logs"), home.resolve("pids"),
                ChildProcess.Probe.line(l -> l.startsWith(Main.READY)), console, true);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The launcher's class path: its jar (whose manifest names its libraries), or in a build tree
     * its classes, in both cases with {@code target/lib}.
     */
    static String classPath() {
        Path self;
        try {
            self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path lib = self.getParent().resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("the launcher's libraries are missing at " + lib
                    + ": build it first (make build)");
        }
        return self + File.pathSeparator + lib + File.separator + "*";
    }
}
