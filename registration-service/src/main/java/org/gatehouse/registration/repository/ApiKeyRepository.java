package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Storage of API key secret hashes; raw keys never reach this layer. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    /** Hashes of the app's secrets that have not expired at {@code now}, newest first. */
    public List<String> activeHashes(UUID appId, Instant now) {
        return getEntityManager()
                .createQuery("select k.secretHash from ApiKey k where k.appId = :app"
                        + " and (k.expiresAt is null or k.expiresAt > :now) order by k.createdAt desc", String.class)
                .setParameter("app", appId)
                .setParameter("now", now)
                .getResultList();
    }

    /** Makes every secret of the app that would outlive {@code at} expire at {@code at}. */
    public int expireActive(UUID appId, Instant at) {
        return update("expiresAt = ?1 where appId = ?2 and (expiresAt is null or expiresAt > ?1)", at, appId);
    }
}
