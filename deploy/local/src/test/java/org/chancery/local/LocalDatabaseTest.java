package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make run}'s PostgreSQL against a local user who is not the launcher: no connection without
 * the password, the superuser's password with the launcher alone, and each service a role that
 * reaches its own schema only and runs no command on the machine.
 */
@Tag("stack")
class LocalDatabaseTest {

    @TempDir
    Path home;

    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true);

    @Test
    void aDatabaseOfAnotherMajorPostgresqlIsRefusedWithWhatToDo() throws Exception {
        Path data = home.resolve("postgres");
        Files.createDirectories(data);
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> LocalDatabase.start(freePort(), home, console));
        assertEquals(data + " holds a PostgreSQL 14 database; this Chancery runs PostgreSQL "
                + EmbeddedDatabase.carriedMajor() + ", which cannot open it. Move it away (or make clean) to start "
                + "afresh, or copy what it holds with pg_dump from a PostgreSQL 14 server first.", refused.getMessage());
        assertTrue(EmbeddedDatabase.carriedMajor().matches("\\d+"), "the build filled in the binaries' version");
    }

    @Test
    void noOneGetsInWithoutAPasswordAndAServiceReachesItsOwnSchemaOnly() throws Exception {
        try (LocalDatabase database = LocalDatabase.start(freePort(), home, console)) {
            String url = database.url();
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", ""));
            assertTrue(refused.getMessage().contains("password"), refused.getMessage());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres"));
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "audit", ""));
            for (String name : new String[] {"postgres", "audit", "foreign-ministry"}) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(DatabaseRoles.passwordFile(home, name))), name);
            }

            try (Connection audit = DriverManager.getConnection(url, database.user("audit"), database.password("audit"));
                    Statement sql = audit.createStatement()) {
                sql.execute("create table audit.kept (x int)");
                sql.execute("insert into audit.kept values (1)");
            }
            try (Connection ministry = DriverManager.getConnection(url, database.user("foreign-ministry"),
                    database.password("foreign-ministry")); Statement sql = ministry.createStatement()) {
                assertEquals("f", single(sql, "select rolsuper from pg_roles where rolname = current_user"));
                sql.execute("create table foreign_ministry.own (x int)");
                assertDenied(sql, "select * from audit.kept");
                assertDenied(sql, "create table audit.planted (x int)");
                assertDenied(sql, "create table public.planted (x int)");
                assertDenied(sql, "copy (select 1) to program 'id'");
                assertDenied(sql, "create role intruder superuser");
                assertEquals("127.0.0.1", single(sql, "select setting from pg_settings where name = 'listen_addresses'"));
            }
        }
    }

    @Test
    void aDataDirectoryAnEarlierReleaseLeftTrustingIsClosedAndItsTablesGoToTheirService() throws Exception {
        int port = freePort();
        Path data = Files.createDirectories(home.resolve("postgres"));
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
                Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                        "postgres", "");
                Statement sql = c.createStatement()) {
            sql.execute("create database chancery");
            try (Connection chancery = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                    + "/chancery", "postgres", ""); Statement in = chancery.createStatement()) {
                in.execute("create schema embassy");
                in.execute("create table embassy.delivery (id bigserial primary key, note text)");
                in.execute("insert into embassy.delivery (note) values ('kept')");
            }
        }

        try (LocalDatabase database = LocalDatabase.start(port, home, console)) {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(database.url(), "postgres", ""));
            try (Connection embassy = DriverManager.getConnection(database.url(), database.user("embassy"),
                    database.password("embassy")); Statement sql = embassy.createStatement()) {
                assertEquals("kept", single(sql, "select note from embassy.delivery"));
                sql.execute("insert into embassy.delivery (note) values ('next')");
                sql.execute("alter table embassy.delivery add column at timestamptz");
            }
        }
    }

    private static void assertDenied(Statement sql, String statement) {
        SQLException denied = assertThrows(SQLException.class, () -> sql.execute(statement), statement);
        // 42501 insufficient_privilege
        assertEquals("42501", denied.getSQLState(), statement + ": " + denied.getMessage());
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next(), query);
            return rows.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
