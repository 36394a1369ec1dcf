package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecretRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of the client registry: what other components and sibling services may learn about a client. */
@ApplicationScoped
public class ClientDirectory {

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;

    public ClientDirectory(ClientRepository clients, ClientSecretRepository secrets) {
        this.clients = clients;
        this.secrets = secrets;
    }

    public Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        return clients.findByClientId(clientId).map(RegisteredClient::of);
    }

    /**
     * The client together with the hashes of every secret valid now: several while a rotated secret's overlap
     * lasts. Only the token-service needs these, to authenticate the client (RFC 6749 §2.3.1).
     */
    public Optional<ClientCredentials> findWithSecretHashes(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        return clients.findByClientId(clientId)
                .map(client -> new ClientCredentials(RegisteredClient.of(client),
                        secrets.activeHashes(client, Instant.now())));
    }

    /** A client and the SHA-256 hashes of its currently valid secrets (never the secrets themselves). */
    public record ClientCredentials(RegisteredClient client, List<String> secretHashes) {
    }
}
