package org.chancery.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aCommitTheDatabaseCutIsTheDatabaseOutOfReachThoughItsAnswerIsOnlySuppressed() {
        // As a transaction manager reports it: the commit failed, the server's answer suppressed inside.
        IllegalStateException rollback = new IllegalStateException("Could not commit transaction");
        rollback.addSuppressed(new RuntimeException("transactionCommit failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(ProblemMappers.databaseUnreachable(new RuntimeException("intake", rollback)));
    }

    @Test
    void aFaultOfTheRequestIsNot() {
        IllegalStateException rollback = new IllegalStateException("Could not commit transaction");
        rollback.addSuppressed(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertFalse(ProblemMappers.databaseUnreachable(new RuntimeException("intake", rollback)));
        assertFalse(ProblemMappers.databaseUnreachable(new IllegalArgumentException("bad")));
    }
}
