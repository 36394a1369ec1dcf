package org.gatehouse.common.ratelimit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The rate-limit bucket table {@link SharedBuckets} writes to, in an embedded PostgreSQL of the test class's own
 * (started before its first test, stopped after its last). Register it with
 * {@code @RegisterExtension static final TestBucketTable BUCKETS = new TestBucketTable();}.
 */
final class TestBucketTable implements BeforeAllCallback, AfterAllCallback {

    /** The table, schema-qualified as services configure it. */
    static final String NAME = "limits.rate_limit_bucket";

    private EmbeddedPostgres postgres;
    private DataSource dataSource;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA limits");
            statement.execute("CREATE TABLE " + NAME
                    + " (id VARCHAR(128) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    DataSource dataSource() {
        return dataSource;
    }
}
