package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LoginThrottleRepository implements PanacheRepositoryBase<LoginThrottle, String> {

    /**
     * Counts one attempt of {@code subject} in a single atomic statement (replicas racing on the same subject each
     * get their own count): a window that ended before {@code windowStartCutoff} starts over at {@code now}.
     */
    public Window countAttempt(String subject, Instant now, Instant windowStartCutoff) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                        INSERT INTO {h-schema}login_throttle AS t (subject, window_started_at, attempts)
                        VALUES (:subject, :now, 1)
                        ON CONFLICT (subject) DO UPDATE SET
                            attempts = CASE WHEN t.window_started_at <= :cutoff THEN 1 ELSE t.attempts + 1 END,
                            window_started_at = CASE WHEN t.window_started_at <= :cutoff
                                                     THEN :now ELSE t.window_started_at END
                        RETURNING attempts, CAST(EXTRACT(EPOCH FROM window_started_at) * 1000 AS BIGINT)""")
                .setParameter("subject", subject)
                .setParameter("now", now)
                .setParameter("cutoff", windowStartCutoff)
                .getSingleResult();
        return new Window(((Number) row[0]).intValue(), Instant.ofEpochMilli(((Number) row[1]).longValue()));
    }

    /** The failures of {@code subject} in a window that started after {@code windowStartCutoff}, if any. */
    public Optional<Window> current(String subject, Instant windowStartCutoff) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        SELECT attempts, CAST(EXTRACT(EPOCH FROM window_started_at) * 1000 AS BIGINT)
                        FROM {h-schema}login_throttle WHERE subject = :subject AND window_started_at > :cutoff""")
                .setParameter("subject", subject)
                .setParameter("cutoff", windowStartCutoff)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Window(((Number) row[0]).intValue(), Instant.ofEpochMilli(((Number) row[1]).longValue())));
    }

    /**
     * Forgets {@code subject}'s failures. A bulk delete, not a load-then-remove: concurrent resets of one subject
     * (parallel successful logins) must not fail on a row another one already deleted.
     */
    public void reset(String subject) {
        delete("subject", subject);
    }

    /** Deletes up to {@code limit} counters whose window started before {@code cutoff}, i.e. has ended. */
    public int deleteEndedBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}login_throttle WHERE subject IN (
                            SELECT subject FROM {h-schema}login_throttle WHERE window_started_at < :cutoff
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** The attempts counted in the window that started at {@code startedAt}. */
    public record Window(int attempts, Instant startedAt) {
    }
}
