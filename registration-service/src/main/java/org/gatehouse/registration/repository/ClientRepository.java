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

    /** Deletes the client; its secret hashes go with it (ON DELETE CASCADE). */
    public boolean deleteByClientId(String clientId) {
        return delete("clientId", clientId) > 0;
    }
}
