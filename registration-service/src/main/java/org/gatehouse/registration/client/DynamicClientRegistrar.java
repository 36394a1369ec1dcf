package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.DynamicClientMetadataValidator.ValidClientMetadata;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecret;
import org.gatehouse.registration.repository.ClientSecretRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Dynamic client registration (RFC 7591 §3.1): validates the metadata, then stores the client, the hash of its
 * registration access token and, for the methods that use one, the hash of its new secret, all in one transaction.
 * A {@code client_secret_jwt} client's secret is also stored encrypted ({@link JwtSecretCipher}); when that is not
 * possible the registration fails as a whole.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.1">RFC 7591 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
@ApplicationScoped
public class DynamicClientRegistrar {

    static final String CONFIGURATION_PATH = "/oauth/register/";

    private static final Logger LOG = Logger.getLogger(DynamicClientRegistrar.class);

    private final DynamicClientMetadataValidator validator;
    private final ClientIdIssuer clientIdIssuer;
    private final ClientSecretIssuer secretIssuer;
    private final RegistrationAccessTokenIssuer tokenIssuer;
    private final JwtSecretCipher jwtSecretCipher;
    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final String publicUrl;
    private final AuditLog audit;

    public DynamicClientRegistrar(DynamicClientMetadataValidator validator, ClientIdIssuer clientIdIssuer,
                                  ClientSecretIssuer secretIssuer, RegistrationAccessTokenIssuer tokenIssuer,
                                  JwtSecretCipher jwtSecretCipher, ClientRepository clients,
                                  ClientSecretRepository secrets, GatehouseConfig gatehouse, AuditLog audit) {
        this.audit = audit;
        this.validator = validator;
        this.clientIdIssuer = clientIdIssuer;
        this.secretIssuer = secretIssuer;
        this.tokenIssuer = tokenIssuer;
        this.jwtSecretCipher = jwtSecretCipher;
        this.clients = clients;
        this.secrets = secrets;
        this.publicUrl = stripTrailingSlash(gatehouse.publicUrl());
    }

    /**
     * @throws OAuthException 400 {@code invalid_redirect_uri} / {@code invalid_client_metadata}; 503 when a
     *                        {@code client_secret_jwt} client cannot be stored for lack of an encryption key
     */
    @Transactional
    public DynamicClientInformation register(ClientMetadata metadata) {
        ValidClientMetadata valid = validator.validate(metadata);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String clientId = clientIdIssuer.issue();
        Client client = new Client(clientId, clientId, null, List.of(), List.of(), List.of(), List.of(), now);
        apply(client, valid);
        RegistrationAccessTokenIssuer.IssuedToken token = tokenIssuer.issue();
        client.setRegistrationTokenHash(token.hash());

        String secret = null;
        if (ClientMetadata.usesSecret(valid.tokenEndpointAuthMethod())) {
            secret = issueSecret(client, now);
        }
        clients.persist(client);
        if (secret != null) {
            secrets.persist(new ClientSecret(client, ClientSecretIssuer.hash(secret), now, null));
        }
        LOG.infof("Registered client %s (%s) dynamically: %s, grants %s, scopes %s", clientId,
                client.getClientName(), valid.tokenEndpointAuthMethod(), valid.grantTypes(), valid.scopes());
        audit.record("client.created", "success", Map.of("client_id", clientId, "via", "dynamic_registration"));
        return new DynamicClientInformation(RegisteredClient.of(client), secret, token.token(),
                registrationClientUri(clientId));
    }

    /** {@code registration_client_uri}: this client's configuration endpoint under the public origin (RFC 7592 §1). */
    public String registrationClientUri(String clientId) {
        return publicUrl + CONFIGURATION_PATH + clientId;
    }

    /**
     * A new secret for the client; when it authenticates with {@code client_secret_jwt} the secret is also sealed
     * onto the client row (replacing any previous one). The caller persists the hash.
     */
    String issueSecret(Client client, Instant now) {
        String secret = secretIssuer.issue().secret();
        client.setJwtSecretCiphertext(client.getTokenEndpointAuthMethods().contains(ClientMetadata.CLIENT_SECRET_JWT)
                ? jwtSecretCipher.encrypt(client.getClientId(), secret) : null);
        return secret;
    }

    /** Writes validated metadata onto the client, replacing what it had (RFC 7592 §2.2). */
    static void apply(Client client, ValidClientMetadata valid) {
        // client_name is OPTIONAL in RFC 7591; users still need something to recognise the client by on the
        // consent page, and RFC 7591 §3.2.1 lets the server substitute values.
        String name = valid.clientName() == null ? client.getClientId() : valid.clientName();
        client.replaceMetadata(name, valid.clientUri(), valid.redirectUris(), valid.scopes(), valid.grantTypes(),
                List.of(valid.tokenEndpointAuthMethod()));
        client.replaceDynamicMetadata(valid.contacts(), valid.logoUri(), valid.tosUri(), valid.policyUri(),
                valid.jwks(), valid.jwksUri(), valid.softwareId(), valid.softwareVersion());
        client.setRequirePkce(valid.requirePkce());
        client.setIdTokenSignedResponseAlg(valid.idTokenSignedResponseAlg());
        client.setUserinfoSignedResponseAlg(valid.userinfoSignedResponseAlg());
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
