package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class FamilyAccessTokenRepository implements PanacheRepositoryBase<FamilyAccessToken, String> {

    public void record(UUID familyId, String jti, Instant exp) {
        FamilyAccessToken row = new FamilyAccessToken();
        row.jti = jti;
        row.familyId = familyId;
        row.exp = exp;
        persist(row);
    }

    /** Deletes up to {@code limit} rows of tokens that expired before {@code now}: revoking them is moot. */
    public int deleteExpired(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}family_access_token WHERE jti IN (
                            SELECT jti FROM {h-schema}family_access_token WHERE exp < :now
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
