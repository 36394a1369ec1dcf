package org.gatehouse.common.error;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by the database being unreachable, anywhere in the cause chain (JDBC wraps it,
 * Hibernate and JTA wrap that). Such a failure is not the client's fault and not a bug: it is a 503 the client
 * may retry, never a 500.
 */
final class DatabaseOutage {

    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            // SQLSTATE class 08 = connection exception; 57P01-57P03 = server shutting down / cannot connect now.
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // Agroal reports an exhausted pool as a bare SQLException: overload, retryable, not a bug.
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
