package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage of developer apps. Lookups on behalf of a user always name the owner, so nobody reaches another's app. */
@ApplicationScoped
public class DeveloperAppRepository implements PanacheRepositoryBase<DeveloperApp, UUID> {

    public Optional<DeveloperApp> findByClientId(String clientId) {
        return find("clientId", clientId).firstResultOptional();
    }

    public Optional<DeveloperApp> findByApiKeyId(String apiKeyId) {
        return find("apiKeyId", apiKeyId).firstResultOptional();
    }

    public Optional<DeveloperApp> findOwned(UUID ownerId, String clientId) {
        return find("ownerId = ?1 and clientId = ?2", ownerId, clientId).firstResultOptional();
    }

    /** As {@link #findOwned}, holding a row lock until the transaction ends, to serialise changes to one app. */
    public Optional<DeveloperApp> findOwnedForUpdate(UUID ownerId, String clientId) {
        return find("ownerId = ?1 and clientId = ?2", ownerId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The owner's apps, oldest first. */
    public List<DeveloperApp> listOwned(UUID ownerId) {
        return list("ownerId", Sort.ascending("createdAt", "clientId"), ownerId);
    }

    public long countOwned(UUID ownerId) {
        return count("ownerId", ownerId);
    }

    /** Deletes the app; the database deletes its API keys in the same statement (ON DELETE CASCADE). */
    public boolean deleteOwned(UUID ownerId, String clientId) {
        return delete("ownerId = ?1 and clientId = ?2", ownerId, clientId) > 0;
    }
}
