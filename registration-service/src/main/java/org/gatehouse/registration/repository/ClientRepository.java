package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

/** Storage of registered clients, looked up by their public {@code client_id}. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID> {

    public Optional<Client> findByClientId(String clientId) {
        return find("clientId", clientId).firstResultOptional();
    }

    /** As {@link #findByClientId}, holding a row lock until the transaction ends, to serialise changes to one client. */
    public Optional<Client> findByClientIdForUpdate(String clientId) {
        return find("clientId", clientId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Waits for the transaction-scoped advisory lock {@code key}, released at commit or rollback: serialises a
     * check-then-create that several replicas may run at once.
     */
    public void lockAdvisory(long key) {
        getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .setParameter("key", key)
                .getSingleResult();
    }

    /** Deletes the client; its secret hashes go with it (ON DELETE CASCADE). */
    public boolean deleteByClientId(String clientId) {
        return delete("clientId", clientId) > 0;
    }
}
