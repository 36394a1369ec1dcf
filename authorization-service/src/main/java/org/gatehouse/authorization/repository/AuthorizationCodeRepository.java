package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AuthorizationCodeRepository implements PanacheRepositoryBase<AuthorizationCode, UUID> {

    /**
     * Marks the code redeemed and returns it, in one statement: of any number of concurrent callers exactly one
     * gets the row (PostgreSQL re-checks {@code redeemed_at IS NULL} after waiting for the row lock).
     * Empty when the code is unknown, expired or already redeemed.
     */
    @SuppressWarnings("unchecked")
    public Optional<AuthorizationCode> redeem(String codeHash, Instant now) {
        List<AuthorizationCode> rows = getEntityManager().createNativeQuery("""
                        UPDATE "authorization".authorization_code SET redeemed_at = :now
                        WHERE code_hash = :hash AND redeemed_at IS NULL AND expires_at > :now
                        RETURNING *""", AuthorizationCode.class)
                .setParameter("now", now)
                .setParameter("hash", codeHash)
                .getResultList();
        return rows.stream().findFirst();
    }

    public Optional<AuthorizationCode> findByHash(String codeHash) {
        return find("codeHash", codeHash).firstResultOptional();
    }

    /** Codes of a user for a client that nobody redeemed yet; revoking consent voids them. */
    public long deleteUnredeemed(String userId, String clientId) {
        return delete("userId = ?1 and clientId = ?2 and redeemedAt is null", userId, clientId);
    }

    /** Deletes at most {@code limit} codes that expired before {@code cutoff}; returns how many went. */
    public int deleteExpiredBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM "authorization".authorization_code WHERE id IN (
                            SELECT id FROM "authorization".authorization_code WHERE expires_at < :cutoff LIMIT :limit)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
