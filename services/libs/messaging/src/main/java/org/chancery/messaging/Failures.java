package org.chancery.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failure is the world around the service (the database or the broker away, a lock or a
 * serialisation conflict) and worth retrying as it is, rather than something a record brought.
 */
final class Failures {

    private Failures() {
    }

    static boolean transientInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof RetriableException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            // Connection (08), transaction rollback (40), resources (53), operator (57) and lock (55P03)
            // states: the database away or busy, not the record.
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57") || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (transientInfrastructure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
