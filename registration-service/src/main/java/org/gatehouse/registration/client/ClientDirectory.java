package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
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

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final DeveloperAppRepository developerApps;

    public ClientDirectory(ClientRepository clients, ClientSecretRepository secrets,
                           DeveloperAppRepository developerApps) {
        this.clients = clients;
        this.secrets = secrets;
        this.developerApps = developerApps;
    }

    public Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegisteredClient> client = clients.findByClientId(clientId).map(RegisteredClient::of);
        if (client.isPresent() || !clientId.startsWith(DeveloperApp.CLIENT_ID_PREFIX)) {
            return client;
        }
        return developerApps.findByClientId(clientId).map(RegisteredClient::of);
    }

    /**
     * The client together with the hashes of every secret valid now: several while a rotated secret's overlap
     * lasts (none for a developer app). Only the token-service needs these, to authenticate the client
     * (RFC 6749 §2.3.1).
     */
    public Optional<ClientCredentials> findWithSecretHashes(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClientCredentials> client = clients.findByClientId(clientId)
                .map(found -> new ClientCredentials(RegisteredClient.of(found),
                        secrets.activeHashes(found, Instant.now())));
        if (client.isPresent() || !clientId.startsWith(DeveloperApp.CLIENT_ID_PREFIX)) {
            return client;
        }
        return developerApps.findByClientId(clientId)
                .map(app -> new ClientCredentials(RegisteredClient.of(app), List.of()));
    }

    /** A client and the SHA-256 hashes of its currently valid secrets (never the secrets themselves). */
    public record ClientCredentials(RegisteredClient client, List<String> secretHashes) {
    }
}
