package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Storage of client secret hashes; raw secrets never reach this layer. */
@ApplicationScoped
public class ClientSecretRepository implements PanacheRepositoryBase<ClientSecret, UUID> {

    /** Hashes of the client's secrets that have not expired at {@code now}, newest first. */
    public List<String> activeHashes(Client client, Instant now) {
        return getEntityManager()
                .createQuery("select s.secretHash from ClientSecret s where s.client = :client"
                        + " and (s.expiresAt is null or s.expiresAt > :now) order by s.createdAt desc", String.class)
                .setParameter("client", client)
                .setParameter("now", now)
                .getResultList();
    }

    /** Makes every secret of the client that would outlive {@code at} expire at {@code at}. */
    public int expireActive(Client client, Instant at) {
        return update("expiresAt = ?1 where client = ?2 and (expiresAt is null or expiresAt > ?1)", at, client);
    }
}
