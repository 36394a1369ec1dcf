package org.gatehouse.common.error;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnstorableValueTest {

    @Test
    void isCauseWhenNulByteOrTooLongValueDeepInChainThenTrue() {
        assertTrue(UnstorableValue.isCause(new RuntimeException("orm",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
        assertTrue(UnstorableValue.isCause(new SQLException("value too long for type character varying", "22001")));
        assertTrue(UnstorableValue.isCause(new RuntimeException(new SQLException("untranslatable", "22P05"))));
    }

    @Test
    void isCauseWhenOtherSqlFailureThenFalse() {
        assertFalse(UnstorableValue.isCause(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(UnstorableValue.isCause(new RuntimeException(new SQLException("division by zero", "22012"))));
        assertFalse(UnstorableValue.isCause(new IllegalStateException("bug")));
    }

    @Test
    void mapperWhenNulByteReachedDatabaseThenInvalidRequest400() {
        var response = new ErrorMappers().unexpected(new RuntimeException(new SQLException("0x00", "22021")));
        assertEquals(400, response.getStatus());
        assertEquals("invalid_request", ((ErrorResponse) response.getEntity()).error());
    }
}
