package org.chancery.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Plain SQL on the service's database, in the caller's transaction (the connection of a JTA
 * transaction is the one Hibernate uses in it too). The hot path writes whole batches with a few
 * set-based statements through here; entities stay for queries and REST reads.
 */
@ApplicationScoped
public class Database {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionManager transactions;

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    public <T> T call(Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            // Whatever the server said (a database closed to connections answers 55000), there is no
            // connection to be had: the database is out of reach, not the request at fault.
            throw new DatabaseException(new SQLTransientConnectionException(
                    "no connection to the database: " + e.getMessage(), e.getSQLState(), e));
        }
        try (connection) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Runs the work in a transaction of its own, then rolls it back: for a rehearsal, which keeps nothing. */
    public void rolledBack(Runnable work) {
        try {
            transactions.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("no transaction could begin", e);
        }
        try {
            work.run();
        } finally {
            try {
                transactions.rollback();
            } catch (SystemException e) {
                throw new IllegalStateException("the rehearsal's transaction did not roll back", e);
            }
        }
    }

    /** A statement the database refused, or a database out of reach: worth trying again. */
    public static class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
