package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Optional<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }

    /**
     * Re-reads the row under a row lock. Callers lock the family first, so what they then read is the state no
     * concurrent rotation can change any more.
     */
    public RefreshToken reloadLocked(RefreshToken token) {
        getEntityManager().refresh(token, LockModeType.PESSIMISTIC_WRITE);
        return token;
    }

    public void revokeInFamilies(Collection<UUID> familyIds, Instant now) {
        update("revokedAt = ?1 where familyId in ?2 and revokedAt is null", now, familyIds);
    }

    /** Deletes up to {@code limit} tokens that expired before {@code now}; the number deleted. */
    public int deleteExpired(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}refresh_token WHERE id IN (
                            SELECT id FROM {h-schema}refresh_token WHERE expires_at < :now
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
