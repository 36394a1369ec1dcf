package org.gatehouse.common.error;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a failure caused by a client-supplied value PostgreSQL cannot take, anywhere in the cause chain: a NUL
 * character ({@code %00} in a path or parameter) is not valid text in a UTF-8 database, and a value longer than its
 * column is refused. The request is malformed, so the answer is 400 {@code invalid_request}, never a 500.
 */
final class UnstorableValue {

    /** 22021 invalid byte sequence, 22P05 untranslatable character, 22001 string data right truncation. */
    private static final Set<String> SQL_STATES = Set.of("22021", "22P05", "22001");

    private UnstorableValue() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
