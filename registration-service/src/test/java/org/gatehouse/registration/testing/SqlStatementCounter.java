package org.gatehouse.registration.testing;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Sees every SQL statement Hibernate prepares (a {@link StatementInspector} Quarkus plugs into the persistence unit),
 * so a test can count the database work of a request path. Never changes a statement. Counts are for the whole
 * application: read them around requests of one test, while no other test runs. Inject it with its qualifier,
 * {@code @PersistenceUnitExtension}.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class SqlStatementCounter implements StatementInspector {

    /** {@code ... from [registration.]client c1_0 ...}: the client table, not client_secret. */
    private static final Pattern FROM_CLIENT_TABLE = Pattern.compile(
            "\\bfrom\\s+(?:\\w+\\.)?client\\b", Pattern.CASE_INSENSITIVE);

    private final AtomicLong clientTableReads = new AtomicLong();

    @Override
    public String inspect(String sql) {
        if (FROM_CLIENT_TABLE.matcher(sql).find()) {
            clientTableReads.incrementAndGet();
        }
        return sql;
    }

    /** How many statements so far read the client table; compare two readings around the requests under test. */
    public long clientTableReads() {
        return clientTableReads.get();
    }
}
