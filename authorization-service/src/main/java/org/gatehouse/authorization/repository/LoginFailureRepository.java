package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class LoginFailureRepository implements PanacheRepositoryBase<LoginFailure, UUID> {

    public long countForAccountSince(String accountKey, Instant since) {
        return count("accountKey = ?1 and failedAt > ?2", accountKey, since);
    }

    public long countForIpSince(String ip, Instant since) {
        return count("ip = ?1 and failedAt > ?2", ip, since);
    }

    /** The oldest failure inside the window, which decides when the limit lifts. */
    public Optional<Instant> oldestForAccountSince(String accountKey, Instant since) {
        return find("accountKey = ?1 and failedAt > ?2 order by failedAt", accountKey, since)
                .firstResultOptional().map(f -> f.failedAt);
    }

    public Optional<Instant> oldestForIpSince(String ip, Instant since) {
        return find("ip = ?1 and failedAt > ?2 order by failedAt", ip, since)
                .firstResultOptional().map(f -> f.failedAt);
    }

    /** A successful login clears the account's failures. */
    public long deleteForAccount(String accountKey) {
        return delete("accountKey", accountKey);
    }

    public int deleteOlderThan(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM "authorization".login_failure WHERE id IN (
                            SELECT id FROM "authorization".login_failure WHERE failed_at < :cutoff LIMIT :limit)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
