package org.chancery.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The stack's embedded PostgreSQL, run by the launcher itself rather than by a JVM of its own: the
 * launcher unpacks and starts the server, and starts it again, like any other piece, when it dies.
 * Only the launcher holds the superuser's password; each service connects as its own role
 * ({@link DatabaseRoles}).
 */
final class LocalDatabase implements AutoCloseable {

    static final String DATABASE = "chancery";

    private final int port;
    private final Path dataDir;
    private final Path home;
    private final PrintStream console;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private volatile EmbeddedDatabase server;
    private volatile boolean stopping;
    private int restarts;

    private LocalDatabase(int port, Path home, PrintStream console) {
        this.port = port;
        this.home = home;
        this.dataDir = home.resolve("postgres");
        this.console = console;
    }

    /**
     * Starts the server on {@code home/postgres}, its passwords in {@code home/keys}, with the
     * database Chancery uses and a role per service, and watches it.
     */
    static LocalDatabase start(int port, Path home, PrintStream console) throws Exception {
        LocalDatabase database = new LocalDatabase(port, home, console);
        database.startServer();
        return database;
    }

    /** The role a service connects as. */
    String user(String service) {
        return DatabaseRoles.role(service);
    }

    /** The password of a service's role. */
    String password(String service) {
        return passwords.get(service);
    }

    /** The JDBC URL of the database Chancery uses. */
    String url() {
        return server.serverUrl() + DATABASE;
    }

    private synchronized void startServer() throws Exception {
        server = EmbeddedDatabase.start(port, dataDir, DatabaseRoles.passwordFile(home, DatabaseRoles.SUPERUSER));
        String superuser = DatabaseRoles.password(home, DatabaseRoles.SUPERUSER);
        EmbeddedDatabase.ensureDatabase(server.serverUrl(), EmbeddedDatabase.USER, superuser, DATABASE);
        for (String service : DatabaseRoles.SERVICES) {
            passwords.put(service, DatabaseRoles.password(home, service));
        }
        try (Connection c = DriverManager.getConnection(url(), EmbeddedDatabase.USER, superuser)) {
            DatabaseRoles.ensure(c, DATABASE, passwords);
        }
        server.server().ifPresent(process -> process.onExit().thenRun(this::exited));
    }

    /** The server died: start it again, with a growing pause between tries, until it runs. */
    private void exited() {
        if (stopping) {
            return;
        }
        try {
            // Releases the data directory's lock, which the dead server's handle still holds.
            server.close();
        } catch (Exception e) {
            // It is dead already.
        }
        long backoffSeconds = Math.min(30, 1L << Math.min(restarts, 5));
        console.printf("%s  postgres exited; restarting in %d s%n", now(), backoffSeconds);
        CompletableFuture.delayedExecutor(backoffSeconds, TimeUnit.SECONDS).execute(() -> {
            if (stopping) {
                return;
            }
            long started = System.nanoTime();
            restarts++;
            try {
                startServer();
                console.printf("%s  postgres restarted (ready in %.1f s)%n", now(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
            } catch (Exception e) {
                console.printf("%s  postgres did not come back (%s); trying again%n", now(), e);
                exited();
            }
        });
    }

    private static LocalTime now() {
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        stopping = true;
        try {
            server.close();
        } catch (Exception e) {
            console.println("stopping postgres: " + e.getMessage());
        }
    }
}
