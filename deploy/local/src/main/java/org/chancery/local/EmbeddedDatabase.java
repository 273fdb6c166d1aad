package org.chancery.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server started from the binaries published on Maven Central, for machines
 * where no database is given. Its data directory survives a restart; a server left running by a
 * launcher that was killed is stopped first.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static EmbeddedDatabase start(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // A small cache for a machine that runs everything: the operating system caches the rest.
                .setServerConfig("shared_buffers", "32MB")
                // The embedded default trades durability for speed; a commit here must survive a crash.
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new EmbeddedDatabase(postgres, dataDir);
    }

    /** The server's URL without a database name, e.g. {@code jdbc:postgresql://127.0.0.1:5433/}. */
    public String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
    }

    /** The server process, while it runs. */
    public Optional<ProcessHandle> server() {
        return postmaster(dataDir);
    }

    /** Creates {@code name} unless it exists. */
    public static void ensureDatabase(String serverUrl, String user, String password, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password)) {
            boolean exists;
            try (var st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                st.setString(1, name);
                exists = st.executeQuery().next();
            }
            if (!exists) {
                try (var st = c.createStatement()) {
                    st.execute("create database \"" + name.replace("\"", "") + "\"");
                }
            }
        }
    }

    /**
     * Stops a server that still runs on this data directory: its launcher was killed and could not
     * stop it. Its clients are gone with that launcher, so it stops at once.
     */
    static void stopLeftover(Path dataDir) {
        postmaster(dataDir).ifPresent(server -> {
            System.out.printf("stopping a leftover PostgreSQL server (pid %d)%n", server.pid());
            server.destroy();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
                server.onExit().join();
            }
        });
    }

    /** The server named by the data directory's {@code postmaster.pid}, if it runs. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
