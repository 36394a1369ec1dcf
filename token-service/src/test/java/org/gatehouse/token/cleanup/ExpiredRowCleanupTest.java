package org.gatehouse.token.cleanup;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled cleanup against the real database (batch size 2 in %test, so every kind takes several batches). */
@QuarkusTest
class ExpiredRowCleanupTest {

    @Inject
    ExpiredRowCleanup cleanup;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void runWhenRowsExpiredThenDeletedInBatchesAndLiveRowsKept() throws SQLException {
        UUID expiredFamily = UUID.randomUUID();
        UUID liveFamily = UUID.randomUUID();
        UUID emptyFamily = UUID.randomUUID();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        family(expiredFamily, "2 days");
        family(liveFamily, "2 days");
        family(emptyFamily, "2 days");
        for (int i = 0; i < 3; i++) {
            refreshToken(expiredFamily, "expired-" + tag + i, "- interval '1 day'");
            accessTokenRecord(expiredFamily, "expired-" + tag + i, "- interval '1 minute'");
            denylisted("expired-" + tag + i, "- interval '1 minute'");
            usedJti("expired-" + tag + i, "- interval '1 minute'");
        }
        usedJti("live-" + tag, "+ interval '5 minutes'");
        refreshToken(liveFamily, "live-" + tag, "+ interval '1 day'");
        accessTokenRecord(liveFamily, "live-" + tag, "+ interval '1 hour'");
        denylisted("live-" + tag, "+ interval '1 hour'");

        ExpiredRowCleanup.Deleted deleted = cleanup.run();

        assertTrue(deleted.refreshTokens() >= 3 && deleted.familyAccessTokens() >= 3
                && deleted.revokedAccessTokens() >= 3 && deleted.families() >= 2
                && deleted.usedAssertionJtis() >= 3,
                deleted.toString());
        assertEquals(0, count("refresh_token", "token_hash LIKE 'expired-" + tag + "%'"));
        assertEquals(0, count("family_access_token", "jti LIKE 'expired-" + tag + "%'"));
        assertEquals(0, count("revoked_access_token", "jti LIKE 'expired-" + tag + "%'"));
        assertEquals(0, count("token_family", "id IN ('" + expiredFamily + "', '" + emptyFamily + "')"));
        assertEquals(1, count("refresh_token", "token_hash = 'live-" + tag + "'"));
        assertEquals(1, count("family_access_token", "jti = 'live-" + tag + "'"));
        assertEquals(1, count("revoked_access_token", "jti = 'live-" + tag + "'"));
        assertEquals(1, count("token_family", "id = '" + liveFamily + "'"));
        assertEquals(0, count("used_assertion_jti", "jti LIKE 'expired-" + tag + "%'"));
        assertEquals(1, count("used_assertion_jti", "jti = 'live-" + tag + "'"));
    }

    private void family(UUID id, String age) throws SQLException {
        execute("INSERT INTO token.token_family (id, client_id, user_id, created_at) VALUES ('" + id
                + "', 'app', 'user', now() - interval '" + age + "')");
    }

    private void refreshToken(UUID family, String hash, String expiry) throws SQLException {
        execute("INSERT INTO token.refresh_token (id, token_hash, family_id, client_id, user_id, scope, issued_at, "
                + "expires_at) VALUES ('" + UUID.randomUUID() + "', '" + hash + "', '" + family
                + "', 'app', 'user', 'read', now() - interval '2 days', now() " + expiry + ")");
    }

    private void accessTokenRecord(UUID family, String jti, String expiry) throws SQLException {
        execute("INSERT INTO token.family_access_token (jti, family_id, exp) VALUES ('" + jti + "', '" + family
                + "', now() " + expiry + ")");
    }

    private void denylisted(String jti, String expiry) throws SQLException {
        execute("INSERT INTO token.revoked_access_token (jti, exp, revoked_at) VALUES ('" + jti + "', now() " + expiry
                + ", now() - interval '2 hours')");
    }

    private void usedJti(String jti, String expiry) throws SQLException {
        execute("INSERT INTO token.used_assertion_jti (client_id, jti, exp) VALUES ('app', '" + jti + "', now() "
                + expiry + ")");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private int count(String table, String where) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM token." + table + " WHERE " + where);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
