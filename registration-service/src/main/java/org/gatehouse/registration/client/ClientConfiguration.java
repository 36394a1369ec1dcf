package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.DynamicClientMetadataValidator.ValidClientMetadata;
import org.gatehouse.registration.config.RegistrationConfig;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecret;
import org.gatehouse.registration.repository.ClientSecretRepository;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client configuration management (RFC 7592): a dynamically registered client reads, replaces or deletes its own
 * registration with its registration access token, and rotates its secret (an extension in the same style, issue 4).
 * A wrong or missing token, an unknown client and a client not registered through RFC 7591 (a Mastodon app) all
 * look the same, 401 {@code invalid_token}, so the endpoint never reveals whether a client exists (RFC 7592 §2).
 * Changes lock the client row, so concurrent updates and rotations apply one after the other.
 *
 * <p>Rotation: the new secret is valid at once; the previous ones expire after
 * {@code registration.secret-rotation-overlap} (default zero) so a deployed client can switch without downtime.
 * The overlap covers secrets presented as such ({@code client_secret_basic}, {@code client_secret_post}); a
 * {@code client_secret_jwt} client's HMAC key is replaced at once, since token-service holds only one.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 §2</a>
 */
@ApplicationScoped
public class ClientConfiguration {

    private static final Logger LOG = Logger.getLogger(ClientConfiguration.class);

    private final DynamicClientRegistrar registrar;
    private final DynamicClientMetadataValidator validator;
    private final JwtSecretCipher jwtSecretCipher;
    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final Duration rotationOverlap;
    private final AuditLog audit;
    private final Event<ClientChanged> changes;

    public ClientConfiguration(DynamicClientRegistrar registrar, DynamicClientMetadataValidator validator,
                               JwtSecretCipher jwtSecretCipher, ClientRepository clients,
                               ClientSecretRepository secrets, RegistrationConfig config, AuditLog audit,
                               Event<ClientChanged> changes) {
        this.audit = audit;
        this.changes = changes;
        this.registrar = registrar;
        this.validator = validator;
        this.jwtSecretCipher = jwtSecretCipher;
        this.clients = clients;
        this.secrets = secrets;
        this.rotationOverlap = config.secretRotationOverlap().isNegative() ? Duration.ZERO
                : config.secretRotationOverlap();
    }

    /**
     * RFC 7592 §2.1: the client's current metadata, without its secret.
     *
     * @throws OAuthException 401 {@code invalid_token}
     */
    @Transactional
    public DynamicClientInformation read(String clientId, String registrationAccessToken) {
        Client client = authenticate(clientId, registrationAccessToken, false);
        return information(client, null);
    }

    /**
     * RFC 7592 §2.2: replaces every metadata value (omitted ones are cleared or take their default). The body's
     * {@code client_id} must name this client; a {@code client_secret} in it must be the current secret, since a
     * client may never choose its own. Switching to a method that needs a secret the service cannot supply from what
     * it stores issues a new one, returned in the answer.
     *
     * @throws OAuthException 401 {@code invalid_token}; 400 {@code invalid_client_metadata} /
     *                        {@code invalid_redirect_uri}; 503 as for a registration
     */
    @Transactional
    public DynamicClientInformation update(String clientId, String registrationAccessToken, ClientUpdate update) {
        Client client = authenticate(clientId, registrationAccessToken, true);
        if (update.clientId() == null || !MessageDigest.isEqual(bytes(update.clientId()), bytes(clientId))) {
            throw invalid("client_id in the request body must be the client_id of the client being updated");
        }
        ValidClientMetadata valid = validator.validate(update.metadata());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> activeHashes = secrets.activeHashes(client, now);
        if (update.clientSecret() != null && (activeHashes.isEmpty()
                || !ClientSecretIssuer.matches(update.clientSecret(), activeHashes.get(0)))) {
            throw invalid("client_secret must be the current secret of the client; it cannot be chosen by the client");
        }

        String previousCiphertext = client.getJwtSecretCiphertext();
        DynamicClientRegistrar.apply(client, valid);
        String method = valid.tokenEndpointAuthMethod();
        String newSecret = null;
        if (!ClientMetadata.usesSecret(method)) {
            secrets.expireActive(client, now);
            client.setJwtSecretCiphertext(null);
        } else if (activeHashes.isEmpty()) {
            newSecret = replaceSecret(client, now, Duration.ZERO);
        } else if (!ClientMetadata.CLIENT_SECRET_JWT.equals(method)) {
            client.setJwtSecretCiphertext(null);
        } else if (previousCiphertext == null) {
            // Becoming a client_secret_jwt client: the HMAC key must be recoverable, the stored hash is not.
            if (update.clientSecret() != null) {
                client.setJwtSecretCiphertext(jwtSecretCipher.encrypt(clientId, update.clientSecret()));
            } else {
                newSecret = replaceSecret(client, now, Duration.ZERO);
            }
        }
        LOG.infof("Updated client %s: %s, grants %s, scopes %s%s", clientId, method, valid.grantTypes(),
                valid.scopes(), newSecret == null ? "" : ", new secret issued");
        audit.record("client.updated", "success", Map.of("client_id", clientId));
        changes.fire(new ClientChanged(clientId));
        if (newSecret != null) {
            audit.record("client.secret_rotated", "success", Map.of("client_id", clientId, "via", "update"));
        }
        return information(client, newSecret);
    }

    /**
     * RFC 7592 §2.3: deletes the client and its secrets. token-service stops accepting it once its client cache
     * entry expires (within 5 s); so do other replicas' {@link ClientDirectory#findCached} (this one at once).
     *
     * @throws OAuthException 401 {@code invalid_token}
     */
    @Transactional
    public void delete(String clientId, String registrationAccessToken) {
        authenticate(clientId, registrationAccessToken, true);
        clients.deleteByClientId(clientId);
        LOG.infof("Deleted client %s at its own request", clientId);
        audit.record("client.deleted", "success", Map.of("client_id", clientId, "via", "client_configuration"));
        changes.fire(new ClientChanged(clientId));
    }

    /**
     * A new secret for a client that uses one; the previous secrets expire after the rotation overlap.
     *
     * @throws OAuthException 401 {@code invalid_token}; 400 {@code invalid_request} for a client without a secret
     */
    @Transactional
    public String rotateSecret(String clientId, String registrationAccessToken) {
        Client client = authenticate(clientId, registrationAccessToken, true);
        return rotateSecret(client, Map.of("client_id", clientId));
    }

    /**
     * As {@link #rotateSecret(String, String)} for a client already locked by the caller (the admin API, whose
     * {@code auditFields} name the operator); the caller's transaction.
     */
    public String rotateSecret(Client client, Map<String, String> auditFields) {
        if (client.getTokenEndpointAuthMethods().stream().noneMatch(ClientMetadata::usesSecret)) {
            throw OAuthException.invalidRequest("This client authenticates without a client secret ("
                    + String.join(", ", client.getTokenEndpointAuthMethods()) + "); there is none to rotate");
        }
        String secret = replaceSecret(client, Instant.now().truncatedTo(ChronoUnit.MICROS), rotationOverlap);
        LOG.infof("Rotated the secret of client %s; previous secrets expire in %s", client.getClientId(),
                rotationOverlap);
        audit.record("client.secret_rotated", "success", auditFields);
        changes.fire(new ClientChanged(client.getClientId()));
        return secret;
    }

    /** Issues and stores a new secret; the previous ones expire {@code overlap} from now. */
    private String replaceSecret(Client client, Instant now, Duration overlap) {
        secrets.expireActive(client, now.plus(overlap));
        String secret = registrar.issueSecret(client, now);
        secrets.persist(new ClientSecret(client, ClientSecretIssuer.hash(secret), now, null));
        return secret;
    }

    private Client authenticate(String clientId, String registrationAccessToken, boolean forUpdate) {
        Optional<Client> client = clientId == null || clientId.isEmpty() ? Optional.empty()
                : forUpdate ? clients.findByClientIdForUpdate(clientId) : clients.findByClientId(clientId);
        // Unknown clients and Mastodon apps (no token hash) cost the same check, so timing does not reveal them.
        String storedHash = client.map(Client::getRegistrationTokenHash).orElse(null);
        if (!ClientSecretIssuer.matches(registrationAccessToken, storedHash)) {
            throw OAuthException.invalidToken("The registration access token is missing, invalid, or not valid for"
                    + " this client");
        }
        return client.get();
    }

    private DynamicClientInformation information(Client client, String newSecret) {
        return new DynamicClientInformation(RegisteredClient.of(client), newSecret, null,
                registrar.registrationClientUri(client.getClientId()));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }

    /**
     * An RFC 7592 §2.2 update request: the new metadata plus the {@code client_id} and (optionally) the
     * {@code client_secret} the body carries. {@link #toString()} never reveals the secret.
     */
    public record ClientUpdate(String clientId, String clientSecret, ClientMetadata metadata) {
        @Override
        public String toString() {
            return "ClientUpdate[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "<redacted>")
                    + ", metadata=" + metadata + "]";
        }
    }
}
