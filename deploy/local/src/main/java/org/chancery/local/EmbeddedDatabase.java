package org.chancery.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real PostgreSQL server started from the binaries published on Maven Central, for machines
 * where no database is given. It listens on loopback only and takes no connection without a
 * password (scram-sha-256), from the first start of its data directory on; a directory an earlier
 * release left trusting everyone is closed the same way. Its data directory survives a restart; a
 * server left running by a launcher that was killed is stopped first.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** What {@code pg_hba.conf} says: a password for every connection, and none but over loopback. */
    static final String HBA = """
            # Written by Chancery's launcher at each start: every connection gives its role's password.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** The major version of the PostgreSQL binaries the launcher carries (postgresql.version in the root pom). */
    static String carriedMajor() throws IOException {
        return built("postgresql.version").split("\\.")[0];
    }

    /** A fact the build wrote into {@code chancery-local.properties}. */
    static String built(String name) throws IOException {
        Properties built = new Properties();
        try (InputStream in = EmbeddedDatabase.class.getResourceAsStream("/chancery-local.properties")) {
            if (in == null) {
                throw new IllegalStateException("chancery-local.properties is missing: build the launcher (make build)");
            }
            built.load(in);
        }
        return built.getProperty(name);
    }

    /**
     * A data directory made by another major PostgreSQL cannot be opened by this one (the server
     * would only wait and fail): say so, and what to do, instead.
     */
    private static void refuseAnotherMajor(Path dataDir) throws IOException {
        Path version = dataDir.resolve("PG_VERSION");
        String carried = carriedMajor();
        if (Files.exists(version) && !Files.readString(version).trim().equals(carried)) {
            throw new IllegalStateException(dataDir + " holds a PostgreSQL " + Files.readString(version).trim()
                    + " database; this Chancery runs PostgreSQL " + carried + ", which cannot open it. Move it away "
                    + "(or make clean) to start afresh, or copy what it holds with pg_dump from a PostgreSQL "
                    + Files.readString(version).trim() + " server first.");
        }
    }

    /**
     * Starts the server on {@code dataDir}, its superuser's password the first line of
     * {@code passwordFile} (kept owner-only by the caller).
     */
    public static EmbeddedDatabase start(int port, Path dataDir, Path passwordFile) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir);
        refuseAnotherMajor(dataDir);
        String password = Files.readAllLines(passwordFile).get(0).trim();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // initdb's options (the builder passes each as --key=value after its own "-A trust"):
                // a new data directory never trusts anyone, not even for its first start.
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                // How the builder connects to see that the server is up.
                .setConnectConfig("password", password)
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
                .setServerConfig("password_encryption", "scram-sha-256")
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDir);
        try {
            database.closeToAnyoneWithoutPassword(password);
        } catch (IOException | SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Sets the superuser's password and has every connection give one: a no-op on a data directory
     * made by {@link #start}, the fix for one an earlier release made with {@code trust}.
     */
    private void closeToAnyoneWithoutPassword(String password) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl() + "postgres", USER, password);
                var sql = c.createStatement()) {
            sql.execute("alter role " + USER + " password '" + password.replace("'", "''") + "'");
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!HBA.equals(Files.readString(hba))) {
                Files.writeString(hba, HBA);
                sql.execute("select pg_reload_conf()");
                awaitPasswordRequired();
            }
        }
    }

    /** The server reloads its configuration on its own time: until then it may still trust. */
    private void awaitPasswordRequired() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection trusted = DriverManager.getConnection(serverUrl() + "postgres", USER, "")) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            } catch (SQLException refused) {
                return;
            }
        }
        throw new SQLException("PostgreSQL still takes connections without a password after reloading pg_hba.conf");
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
