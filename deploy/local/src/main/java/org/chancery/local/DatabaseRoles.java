package org.chancery.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.chancery.events.Service;

/**
 * The roles of Chancery's database: PostgreSQL's superuser, which only the launcher uses, and one
 * role per service that owns that service's schema and nothing else (no superuser, so no
 * {@code COPY ... TO PROGRAM}, no other service's tables). Every password is made on first use and
 * kept owner-only in {@code home/keys}, for {@code make run} and for a cluster's Secrets alike.
 */
final class DatabaseRoles {

    static final String SUPERUSER = "postgres";
    /** The services with a schema, each under the role of the same name ({@link #role}). */
    static final List<String> SERVICES = Service.ids();
    /** What a generated password is made of; anything else in a password file is refused, never quoted. */
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private DatabaseRoles() {
    }

    /** The role (and schema) of a service: its name as a SQL identifier, {@code protecting_power}. */
    static String role(String service) {
        return service.replace('-', '_');
    }

    /** The file holding the password of {@code name} (a service, or {@link #SUPERUSER}), made on first use. */
    static Path passwordFile(Path home, String name) throws IOException {
        password(home, name);
        return home.resolve("keys").resolve(fileName(name));
    }

    static String password(Path home, String name) throws IOException {
        String password = OwnerOnly.secret(home.resolve("keys"), fileName(name));
        if (!PASSWORD.matcher(password).matches()) {
            throw new IllegalStateException(home.resolve("keys").resolve(fileName(name))
                    + " does not hold a generated password: delete it to have one made");
        }
        return password;
    }

    private static String fileName(String name) {
        return "db-" + name + ".password";
    }

    /**
     * Makes each service's role, with its password and no privilege beyond its own schema, and
     * takes for it the schema and every table an earlier run made as the superuser. The database
     * itself and the public schema are closed to everyone else.
     */
    static void ensure(Connection superuser, String database, Map<String, String> passwordsByService) throws SQLException {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("revoke all on database " + database + " from public");
            sql.execute("revoke create on schema public from public");
            for (Map.Entry<String, String> entry : passwordsByService.entrySet()) {
                String role = role(entry.getKey());
                String password = entry.getValue();
                if (!PASSWORD.matcher(password).matches()) {
                    throw new IllegalArgumentException("not a generated password for " + role);
                }
                sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then "
                        + "create role " + role + "; end if; end $$");
                sql.execute("alter role " + role + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls "
                        + "password '" + password + "'");
                sql.execute("grant connect, temporary on database " + database + " to " + role);
                sql.execute("create schema if not exists " + role + " authorization " + role);
                sql.execute("alter schema " + role + " owner to " + role);
                sql.execute(takeOwnership(role, "'r', 'p', 'v', 'm'"));
                // Sequences a table owns followed it; any other is taken on its own.
                sql.execute(takeOwnership(role, "'S'"));
            }
        }
    }

    /** A block that gives {@code role} every relation of the kinds listed in its own schema. */
    private static String takeOwnership(String role, String kinds) {
        return "do $$ declare r record; begin for r in select c.relname, c.relkind from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + role + "' and c.relkind in ("
                + kinds + ") and pg_get_userbyid(c.relowner) <> '" + role + "' loop "
                + "execute format('alter %s %I.%I owner to %I', case r.relkind when 'S' then 'sequence' "
                + "when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, '" + role
                + "', r.relname, '" + role + "'); end loop; end $$";
    }
}
