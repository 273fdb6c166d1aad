package org.chancery.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * A set of values as one SQL array parameter, for a statement that reads or deletes many rows at
 * once ({@code where id = any(?)}). Rows written in batches go through {@link Batch}.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static Array uuids(Connection connection, Collection<UUID> values) throws SQLException {
        return connection.createArrayOf(Batch.Type.UUID.sql(), values.toArray());
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf(Batch.Type.TEXT.sql(), values.toArray());
    }
}
