package org.gatehouse.common.ratelimit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@link SharedBuckets} on one PostgreSQL table stand for two replicas: they must share one budget, with at most
 * the documented overshoot of {@code syncTokens} per other replica.
 */
class SharedBucketsTest {

    private static final String TABLE = "limits.rate_limit_bucket";
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA limits");
            statement.execute("CREATE TABLE " + TABLE
                    + " (id VARCHAR(128) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static SharedBuckets replica(long capacity, long syncTokens) {
        return new SharedBuckets(dataSource, TABLE,
                Map.of("route", new RouteLimit(capacity, Duration.ofHours(1), syncTokens, Duration.ofSeconds(1))));
    }

    @Test
    void consumeWhenOneReplicaThenExactlyCapacityAdmittedWithRemainingCountingDown() {
        SharedBuckets buckets = replica(5, 1);
        String subject = UUID.randomUUID().toString();
        for (long expectedRemaining = 4; expectedRemaining >= 0; expectedRemaining--) {
            RateLimit limit = buckets.consume("route", subject);
            assertTrue(limit.admitted());
            assertEquals(5, limit.limit());
            assertEquals(expectedRemaining, limit.remaining());
        }
        RateLimit refused = buckets.consume("route", subject);
        assertFalse(refused.admitted());
        assertEquals(0, refused.remaining());
        // One request's worth of an hour's refill of 5: 12 minutes.
        assertTrue(refused.retryAfterSeconds() > 700 && refused.retryAfterSeconds() <= 720, refused.toString());
        assertTrue(buckets.consume("route", UUID.randomUUID().toString()).admitted(), "another subject is unaffected");
    }

    @Test
    void consumeWhenTwoReplicasThenTheyShareOneBudget() {
        SharedBuckets first = replica(10, 1);
        SharedBuckets second = replica(10, 1);
        String subject = UUID.randomUUID().toString();
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            if ((i % 2 == 0 ? first : second).consume("route", subject).admitted()) {
                admitted++;
            }
        }
        // Alone, each replica would admit 10: together they admit 10, plus at most 1 (syncTokens) for the other replica.
        assertTrue(admitted >= 10 && admitted <= 11, "admitted " + admitted);
        assertFalse(first.consume("route", subject).admitted());
        assertFalse(second.consume("route", subject).admitted());
    }

    @Test
    void consumeWhenReplicasSyncInBatchesThenOvershootStaysWithinSyncTokens() {
        SharedBuckets first = replica(40, 5);
        SharedBuckets second = replica(40, 5);
        SharedBuckets third = replica(40, 5);
        SharedBuckets[] replicas = {first, second, third};
        String subject = UUID.randomUUID().toString();
        int admitted = 0;
        for (int i = 0; i < 120; i++) {
            if (replicas[i % 3].consume("route", subject).admitted()) {
                admitted++;
            }
        }
        // (replicas - 1) x syncTokens = 10 at most over the capacity of 40.
        assertTrue(admitted >= 40 && admitted <= 50, "admitted " + admitted);
    }

    @Test
    void consumeWhenSubjectIsLongClientInputThenStoredOnlyAsBoundedHash() throws SQLException {
        SharedBuckets buckets = replica(3, 1);
        String hostile = "x".repeat(10_000) + "'; DROP TABLE limits.rate_limit_bucket; --";
        assertTrue(buckets.consume("route", hostile).admitted());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(length(id)) FROM " + TABLE)) {
            rows.next();
            assertTrue(rows.getInt(1) <= 64, "ids are route:sha256");
        }
    }
}
