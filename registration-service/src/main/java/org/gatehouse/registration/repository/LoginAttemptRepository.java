package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of {@link LoginAttempt} counters; every change is one statement, so replicas never race on a count. */
@ApplicationScoped
public class LoginAttemptRepository implements PanacheRepositoryBase<LoginAttempt, String> {

    /**
     * Counts one attempt of {@code subject} unless it already has {@code limit} in a window that started after
     * {@code windowStartCutoff}; a window that started before it starts over at {@code now}. Concurrent reservations
     * of one subject queue on its row and each sees the count the previous one left, so no more than {@code limit}
     * are ever granted per window.
     *
     * @return the attempts now counted, or empty when the limit was already reached (nothing changed)
     */
    public Optional<Integer> reserve(String subject, int limit, Instant now, Instant windowStartCutoff) {
        List<?> rows = getEntityManager().createNativeQuery("""
                        INSERT INTO {h-schema}login_attempt AS a (subject, window_started_at, attempts)
                        VALUES (:subject, :now, 1)
                        ON CONFLICT (subject) DO UPDATE SET
                            attempts = CASE WHEN a.window_started_at <= :cutoff THEN 1 ELSE a.attempts + 1 END,
                            window_started_at = CASE WHEN a.window_started_at <= :cutoff
                                                     THEN :now ELSE a.window_started_at END
                        WHERE a.window_started_at <= :cutoff OR a.attempts < :limit
                        RETURNING attempts""")
                .setParameter("subject", subject)
                .setParameter("now", now)
                .setParameter("cutoff", windowStartCutoff)
                .setParameter("limit", limit)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).intValue());
    }

    /** The attempts of {@code subject} in a window that started after {@code windowStartCutoff}, if any. */
    public Optional<Window> current(String subject, Instant windowStartCutoff) {
        return find("subject = ?1 and windowStartedAt > ?2", subject, windowStartCutoff).firstResultOptional()
                .map(attempt -> new Window(attempt.attempts, attempt.windowStartedAt));
    }

    /**
     * Gives back one attempt of {@code subject}'s live window (one that started after {@code windowStartCutoff}): a
     * reserved attempt that was not a wrong password.
     */
    public void release(String subject, Instant windowStartCutoff) {
        update("attempts = attempts - 1 where subject = ?1 and attempts > 0 and windowStartedAt > ?2",
                subject, windowStartCutoff);
    }

    /**
     * Forgets {@code subject}'s attempts. A bulk delete, not a load-then-remove: concurrent resets of one subject
     * (parallel successful sign-ins) must not fail on a row another one already deleted.
     */
    public void reset(String subject) {
        delete("subject", subject);
    }

    /** Deletes up to {@code limit} counters whose window started before {@code cutoff}, i.e. has ended. */
    public int deleteEndedBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}login_attempt WHERE subject IN (
                            SELECT subject FROM {h-schema}login_attempt WHERE window_started_at < :cutoff
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    /** The attempts counted in the window that started at {@code startedAt}. */
    public record Window(int attempts, Instant startedAt) {
    }
}
