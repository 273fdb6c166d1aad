package org.chancery.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL server started from the binaries published on Maven Central, for machines
 * where no database is given. Its data directory survives a restart.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // The embedded default trades durability for speed; a commit here must survive a crash.
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new EmbeddedDatabase(postgres);
    }

    /** The server's URL without a database name, e.g. {@code jdbc:postgresql://127.0.0.1:5433/}. */
    public String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
