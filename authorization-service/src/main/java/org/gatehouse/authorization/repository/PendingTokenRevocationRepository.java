package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PendingTokenRevocationRepository implements PanacheRepositoryBase<PendingTokenRevocation, UUID> {

    /**
     * Claims up to {@code limit} due rows for one attempt each, in one statement: their next attempt moves to
     * {@code leaseUntil} and their attempt count up, so neither another replica nor this one sends them again while
     * the attempt is in flight (rows another transaction holds are skipped, not waited for).
     */
    @SuppressWarnings("unchecked")
    public List<PendingTokenRevocation> claimDue(Instant now, Instant leaseUntil, int limit) {
        return getEntityManager().createNativeQuery("""
                        UPDATE "authorization".pending_token_revocation
                        SET next_attempt_at = :leaseUntil, attempts = attempts + 1
                        WHERE id IN (
                            SELECT id FROM "authorization".pending_token_revocation
                            WHERE next_attempt_at <= :now ORDER BY next_attempt_at
                            LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING *""", PendingTokenRevocation.class)
                .setParameter("now", now)
                .setParameter("leaseUntil", leaseUntil)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Schedules the next attempt of a row whose attempt failed. */
    public void reschedule(UUID id, Instant nextAttemptAt) {
        update("nextAttemptAt = ?1 where id = ?2", nextAttemptAt, id);
    }

    /** The clients whose token revocation for the user is still unconfirmed, each once, oldest request first. */
    public List<Pending> pendingFor(String userId) {
        return getEntityManager().createQuery("""
                        select r.clientId, min(r.requestedAt) from PendingTokenRevocation r where r.userId = ?1
                        group by r.clientId order by min(r.requestedAt)""", Object[].class)
                .setParameter(1, userId)
                .getResultStream()
                .map(row -> new Pending((String) row[0], (Instant) row[1]))
                .toList();
    }

    public record Pending(String clientId, Instant requestedAt) {
    }
}
