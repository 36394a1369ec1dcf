package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class LoginSessionRepository implements PanacheRepositoryBase<LoginSession, UUID> {

    /** The session whose cookie hashes to {@code sessionHash}, if it has not expired. */
    public Optional<LoginSession> findLive(String sessionHash, Instant now) {
        return find("sessionHash = ?1 and idleExpiresAt > ?2 and absoluteExpiresAt > ?2", sessionHash, now)
                .firstResultOptional();
    }

    public long deleteByHash(String sessionHash) {
        return delete("sessionHash", sessionHash);
    }

    /** Deletes at most {@code limit} expired sessions; returns how many went. */
    public int deleteExpired(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM "authorization".login_session WHERE id IN (
                            SELECT id FROM "authorization".login_session
                            WHERE idle_expires_at <= :now OR absolute_expires_at <= :now LIMIT :limit)""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
