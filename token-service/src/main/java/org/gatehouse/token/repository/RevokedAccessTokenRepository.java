package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RevokedAccessTokenRepository implements PanacheRepositoryBase<RevokedAccessToken, String> {

    @Inject
    Event<DenylistChanged> changed;

    /** Denylists one token; revoking it again keeps the first revocation time. */
    public void denylist(String jti, Instant exp, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO {h-schema}revoked_access_token (jti, exp, revoked_at) VALUES (:jti, :exp, :now)
                        ON CONFLICT (jti) DO NOTHING""")
                .setParameter("jti", jti)
                .setParameter("exp", exp)
                .setParameter("now", now)
                .executeUpdate();
        changed.fire(new DenylistChanged());
    }

    /** Denylists every access token of the families that has not expired yet; the number newly denylisted. */
    public int denylistFamilies(Collection<UUID> familyIds, Instant now) {
        int denylisted = getEntityManager().createNativeQuery("""
                        INSERT INTO {h-schema}revoked_access_token (jti, exp, revoked_at)
                        SELECT jti, exp, :now FROM {h-schema}family_access_token
                        WHERE family_id IN (:families) AND exp > :now
                        ON CONFLICT (jti) DO NOTHING""")
                .setParameter("families", familyIds)
                .setParameter("now", now)
                .executeUpdate();
        if (denylisted > 0) {
            changed.fire(new DenylistChanged());
        }
        return denylisted;
    }

    /** Tokens revoked at or after {@code since} that are still unexpired at {@code now}, oldest revocation first. */
    public List<RevokedAccessToken> revokedSince(Instant since, Instant now) {
        return list("revokedAt >= ?1 and exp > ?2 order by revokedAt", since, now);
    }

    /** Deletes up to {@code limit} entries of tokens that expired before {@code now}: no verifier accepts them. */
    public int deleteExpired(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}revoked_access_token WHERE jti IN (
                            SELECT jti FROM {h-schema}revoked_access_token WHERE exp < :now
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
