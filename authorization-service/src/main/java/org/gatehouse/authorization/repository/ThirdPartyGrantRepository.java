package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ThirdPartyGrantRepository implements PanacheRepositoryBase<ThirdPartyGrant, UUID> {

    public Optional<ThirdPartyGrant> findLive(String userId, String clientId) {
        return find("userId = ?1 and clientId = ?2 and revokedAt is null", userId, clientId).firstResultOptional();
    }

    public Optional<ThirdPartyGrant> findLiveForUpdate(String userId, String clientId) {
        return find("userId = ?1 and clientId = ?2 and revokedAt is null", userId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The user's live grants, newest first. */
    public List<ThirdPartyGrant> listLive(String userId) {
        return list("userId = ?1 and revokedAt is null order by grantedAt desc", userId);
    }

    public long countLiveUsing(UUID profileId) {
        return count("profileId = ?1 and revokedAt is null", profileId);
    }

    /**
     * Makes {@code grant} the user's live grant for the client: an earlier live grant is revoked (kept as history)
     * and the new row inserted. Should a concurrent approval have inserted in between, its row takes the new profile
     * instead, so the one-live-grant index never fails a double-clicked Approve.
     */
    public void replaceLive(ThirdPartyGrant grant) {
        getEntityManager().createNativeQuery("""
                        UPDATE "authorization".third_party_grant SET revoked_at = :now
                        WHERE user_id = :userId AND client_id = :clientId AND revoked_at IS NULL""")
                .setParameter("now", grant.grantedAt)
                .setParameter("userId", grant.userId)
                .setParameter("clientId", grant.clientId)
                .executeUpdate();
        getEntityManager().createNativeQuery("""
                        INSERT INTO "authorization".third_party_grant (id, user_id, client_id, profile_id, granted_at)
                        VALUES (:id, :userId, :clientId, :profileId, :grantedAt)
                        ON CONFLICT (user_id, client_id) WHERE revoked_at IS NULL
                        DO UPDATE SET profile_id = EXCLUDED.profile_id, granted_at = EXCLUDED.granted_at""")
                .setParameter("id", grant.id)
                .setParameter("userId", grant.userId)
                .setParameter("clientId", grant.clientId)
                .setParameter("profileId", grant.profileId)
                .setParameter("grantedAt", grant.grantedAt)
                .executeUpdate();
    }

    /** Revokes the user's live grant for the client; false when there was none. */
    public boolean revokeLive(String userId, String clientId, Instant now) {
        return update("revokedAt = ?1 where userId = ?2 and clientId = ?3 and revokedAt is null",
                now, userId, clientId) > 0;
    }
}
