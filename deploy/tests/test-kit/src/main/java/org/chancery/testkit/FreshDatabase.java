package org.chancery.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.chancery.local.ChildProcess;
import org.chancery.local.Pieces;
import org.chancery.local.StackSettings;

/**
 * An empty database for one test run, dropped afterwards. It is created on the PostgreSQL that
 * {@code CHANCERY_DB_URL} names (with {@code CHANCERY_DB_USER}, {@code CHANCERY_DB_PASSWORD}),
 * or, when none is given, on an embedded PostgreSQL started for the run.
 */
public final class FreshDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String url;
    private final String name;
    private final String user;
    private final String password;
    private final ChildProcess embedded;

    private FreshDatabase(String adminUrl, String url, String name, String user, String password,
            ChildProcess embedded) {
        this.adminUrl = adminUrl;
        this.url = url;
        this.name = name;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    public static FreshDatabase create(Path home) throws Exception {
        String given = System.getenv("CHANCERY_DB_URL");
        String user = envOr("CHANCERY_DB_USER", "postgres");
        String password = envOr("CHANCERY_DB_PASSWORD", "");
        ChildProcess embedded = null;
        String adminUrl = given;
        if (given == null || given.isBlank()) {
            embedded = Pieces.postgres(home, StackSettings.freePort(), System.out);
            embedded.start();
            embedded.awaitReady(Duration.ofSeconds(120));
            adminUrl = Pieces.address(embedded);
            user = "postgres";
            password = Pieces.postgresPassword(home);
        }
        String name = "chancery_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                var st = c.createStatement()) {
            st.execute("create database " + name);
        }
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        return new FreshDatabase(adminUrl, url, name, user, password, embedded);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                var st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
        if (embedded != null) {
            embedded.stop(Duration.ofSeconds(20));
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
