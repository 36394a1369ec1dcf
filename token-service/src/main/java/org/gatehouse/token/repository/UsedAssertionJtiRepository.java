package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class UsedAssertionJtiRepository implements PanacheRepositoryBase<UsedAssertionJti, UsedAssertionJti.Key> {

    /**
     * Records a jti as used; false when the client had used it before. One statement, so of two replicas racing with
     * the same assertion exactly one inserts (the other waits on the key, then finds the conflict).
     */
    public boolean recordFirstUse(String clientId, String jti, Instant exp) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO {h-schema}used_assertion_jti (client_id, jti, exp) VALUES (:clientId, :jti, :exp)
                        ON CONFLICT (client_id, jti) DO NOTHING""")
                .setParameter("clientId", clientId)
                .setParameter("jti", jti)
                .setParameter("exp", exp)
                .executeUpdate() == 1;
    }

    /** Deletes up to {@code limit} jtis of assertions that expired before {@code now}: they cannot be replayed. */
    public int deleteExpired(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}used_assertion_jti WHERE (client_id, jti) IN (
                            SELECT client_id, jti FROM {h-schema}used_assertion_jti WHERE exp < :now
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
