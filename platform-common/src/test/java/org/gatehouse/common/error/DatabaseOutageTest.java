package org.gatehouse.common.error;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseOutageTest {

    @Test
    void isCauseWhenConnectionFailureIsWrappedDeepThenTrue() {
        Throwable wrapped = new RuntimeException("tx", new IllegalStateException("orm",
                new SQLTransientConnectionException("Acquisition timeout")));
        assertTrue(DatabaseOutage.isCause(wrapped));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new SQLException("terminating", "57P01"))));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void isCauseWhenOrdinaryFailureThenFalse() {
        assertFalse(DatabaseOutage.isCause(new IllegalStateException("bug")));
        assertFalse(DatabaseOutage.isCause(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.isCause(new RuntimeException(new SQLException("no state"))));
    }

    @Test
    void mapperWhenDatabaseDownThenRetryable503WithoutDetails() {
        var response = new ErrorMappers().unexpected(new RuntimeException(new SQLException("refused", "08006")));
        org.junit.jupiter.api.Assertions.assertEquals(503, response.getStatus());
        org.junit.jupiter.api.Assertions.assertEquals("5", response.getHeaderString("Retry-After"));
        ErrorResponse body = (ErrorResponse) response.getEntity();
        org.junit.jupiter.api.Assertions.assertEquals("temporarily_unavailable", body.error());
    }
}
