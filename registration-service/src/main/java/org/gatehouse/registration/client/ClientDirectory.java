package org.gatehouse.registration.client;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecretRepository;
import org.gatehouse.registration.repository.DeveloperApp;
import org.gatehouse.registration.repository.DeveloperAppRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the client registry: what other components and sibling services may learn about a client. Developer
 * apps ({@code tp_...}) are part of the registry too, as clients without secrets, grant types or auth methods.
 */
@ApplicationScoped
public class ClientDirectory {

    /** Cache of {@link #findCached}; its expire-after-write (application.properties) bounds how stale it gets. */
    static final String CACHE = "bearer-clients";

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final DeveloperAppRepository developerApps;
    private final JwtSecretCipher jwtSecretCipher;
    private final Cache cache;

    public ClientDirectory(ClientRepository clients, ClientSecretRepository secrets,
                           DeveloperAppRepository developerApps, JwtSecretCipher jwtSecretCipher,
                           @CacheName(CACHE) Cache cache) {
        this.clients = clients;
        this.secrets = secrets;
        this.developerApps = developerApps;
        this.jwtSecretCipher = jwtSecretCipher;
        this.cache = cache;
    }

    public Optional<RegisteredClient> find(String clientId) {
        // A disabled client is found by nothing but the admin API (which reads the repository).
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegisteredClient> client = clients.findByClientId(clientId).filter(c -> !c.isDisabled())
                .map(RegisteredClient::of);
        if (client.isPresent() || !clientId.startsWith(DeveloperApp.CLIENT_ID_PREFIX)) {
            return client;
        }
        return developerApps.findByClientId(clientId).map(RegisteredClient::of);
    }

    /**
     * As {@link #find}, answered from memory for a few seconds ({@value #CACHE} cache, expire-after-write 4 s; "not
     * found" included): for requests that only name a client, such as a bearer token's {@code client_id}, so a
     * repeated token costs no database round trip. A client replaced or deleted through this replica is dropped
     * from its cache as soon as the change commits ({@link ClientChanged}); other replicas see it within 4 s, the
     * bound token-service's own client cache keeps too (a deleted client stops working within 5 s).
     */
    public Optional<RegisteredClient> findCached(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty(); // find's answer too; the cache takes no null key
        }
        return cache.get(clientId, this::find).await().indefinitely();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientChanged change) {
        cache.invalidate(change.clientId()).await().indefinitely();
    }

    /**
     * The client together with the hashes of every secret valid now: several while a rotated secret's overlap
     * lasts (none for a developer app), and, {@code withJwtSecret} and for a {@code client_secret_jwt} client only,
     * its secret decrypted: only token-service needs that, to verify the client's assertions (RFC 7523 §2.2).
     */
    public Optional<ClientCredentials> findWithSecretHashes(String clientId, boolean withJwtSecret) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        // A disabled client is unknown to every sibling: token-service answers invalid_client for it.
        Optional<ClientCredentials> client = clients.findByClientId(clientId).filter(c -> !c.isDisabled())
                .map(found -> new ClientCredentials(RegisteredClient.of(found),
                        secrets.activeHashes(found, Instant.now()), withJwtSecret ? jwtSecret(found) : null));
        if (client.isPresent() || !clientId.startsWith(DeveloperApp.CLIENT_ID_PREFIX)) {
            return client;
        }
        return developerApps.findByClientId(clientId)
                .map(app -> new ClientCredentials(RegisteredClient.of(app), List.of(), null));
    }

    private String jwtSecret(Client client) {
        boolean jwtClient = client.getTokenEndpointAuthMethods().contains(ClientMetadata.CLIENT_SECRET_JWT);
        return jwtClient && client.getJwtSecretCiphertext() != null
                ? jwtSecretCipher.decrypt(client.getClientId(), client.getJwtSecretCiphertext()) : null;
    }

    /**
     * A client, the SHA-256 hashes of its currently valid secrets, and the one secret kept recoverable: that of a
     * {@code client_secret_jwt} client ({@code null} for every other). {@link #toString()} never reveals it.
     */
    public record ClientCredentials(RegisteredClient client, List<String> secretHashes, String jwtSecret) {
        @Override
        public String toString() {
            return "ClientCredentials[client=" + client.clientId() + ", secretHashes=" + secretHashes.size()
                    + ", jwtSecret=" + (jwtSecret == null ? "none" : "<redacted>") + "]";
        }
    }
}
