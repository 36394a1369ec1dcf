package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    public Optional<Consent> findLive(String userId, String clientId) {
        return find("userId = ?1 and clientId = ?2 and revokedAt is null", userId, clientId).firstResultOptional();
    }

    /** As {@link #findLive} but row-locked, so concurrent grants for one user and client merge instead of racing. */
    public Optional<Consent> findLiveForUpdate(String userId, String clientId) {
        return find("userId = ?1 and clientId = ?2 and revokedAt is null", userId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Inserts the consent unless the user already has a live one for the client; returns false in that case.
     * Two approvals racing (a double-clicked button) thus never trip the one-live-consent index.
     */
    public boolean insertIfAbsent(Consent consent) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO "authorization".consent (id, user_id, client_id, scopes, granted_at)
                        VALUES (:id, :userId, :clientId, :scopes, :grantedAt)
                        ON CONFLICT (user_id, client_id) WHERE revoked_at IS NULL DO NOTHING""")
                .setParameter("id", consent.id)
                .setParameter("userId", consent.userId)
                .setParameter("clientId", consent.clientId)
                .setParameter("scopes", consent.scopes)
                .setParameter("grantedAt", consent.grantedAt)
                .executeUpdate() == 1;
    }

    /** The user's live consents, newest first. */
    public List<Consent> listLive(String userId) {
        return list("userId = ?1 and revokedAt is null order by grantedAt desc", userId);
    }
}
