package org.chancery.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.UUID;

/**
 * Columns as SQL arrays, so that a whole batch is written or read with one statement
 * ({@code insert ... select * from unnest(?::uuid[], ?::text[], ...)}, {@code where id = any(?)}).
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** One column of rows: what each row gives, in order, nulls kept. */
    public static <T, V> List<V> column(Collection<T> rows, Function<T, V> value) {
        List<V> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(value.apply(row)));
        return values;
    }

    public static Array uuids(Connection connection, Collection<UUID> values) throws SQLException {
        return connection.createArrayOf("uuid", values.toArray());
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    public static Array ints(Connection connection, Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }

    public static Array longs(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray());
    }

    /** Instants, exact to the microsecond, as {@code timestamptz[]}. */
    public static Array instants(Connection connection, Collection<Instant> values) throws SQLException {
        return connection.createArrayOf("timestamptz", values.stream().map(i -> i == null ? null : i.toString()).toArray());
    }
}
