package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
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

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final DeveloperAppRepository developerApps;
    private final JwtSecretCipher jwtSecretCipher;

    public ClientDirectory(ClientRepository clients, ClientSecretRepository secrets,
                           DeveloperAppRepository developerApps, JwtSecretCipher jwtSecretCipher) {
        this.clients = clients;
        this.secrets = secrets;
        this.developerApps = developerApps;
        this.jwtSecretCipher = jwtSecretCipher;
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
     * lasts (none for a developer app), and, for a {@code client_secret_jwt} client only, its secret decrypted. Only
     * the token-service needs these, to authenticate the client (RFC 6749 §2.3.1, RFC 7523 §2.2).
     */
    public Optional<ClientCredentials> findWithSecretHashes(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClientCredentials> client = clients.findByClientId(clientId)
                .map(found -> new ClientCredentials(RegisteredClient.of(found),
                        secrets.activeHashes(found, Instant.now()), jwtSecret(found)));
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
