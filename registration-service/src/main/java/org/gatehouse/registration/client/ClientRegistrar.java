package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecret;
import org.gatehouse.registration.repository.ClientSecretRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Registers a confidential client: validates its metadata, then stores the client and the hash of its new
 * secret in one transaction, so a client never exists without a way to authenticate (nor a secret without
 * its client). Every registration endpoint (Mastodon {@code /api/v1/apps}, RFC 7591) goes through here; the
 * endpoint decides only how errors are rendered.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2">RFC 7591 §3.2</a>
 */
@ApplicationScoped
public class ClientRegistrar {

    private static final Logger LOG = Logger.getLogger(ClientRegistrar.class);

    private final ClientMetadataValidator metadataValidator;
    private final RedirectUriValidator redirectUriValidator;
    private final ScopeValidator scopeValidator;
    private final ClientIdIssuer clientIdIssuer;
    private final ClientSecretIssuer secretIssuer;
    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final AuditLog audit;

    public ClientRegistrar(ClientMetadataValidator metadataValidator, RedirectUriValidator redirectUriValidator,
                           ScopeValidator scopeValidator, ClientIdIssuer clientIdIssuer,
                           ClientSecretIssuer secretIssuer, ClientRepository clients, ClientSecretRepository secrets,
                           AuditLog audit) {
        this.audit = audit;
        this.metadataValidator = metadataValidator;
        this.redirectUriValidator = redirectUriValidator;
        this.scopeValidator = scopeValidator;
        this.clientIdIssuer = clientIdIssuer;
        this.secretIssuer = secretIssuer;
        this.clients = clients;
        this.secrets = secrets;
    }

    /**
     * @throws OAuthException {@code invalid_client_metadata}, {@code invalid_redirect_uri} or {@code invalid_scope}
     *                        with the RFC 7591 status (400); callers with another convention change the status
     */
    @Transactional
    public ClientInformation register(ClientMetadata metadata) {
        String clientName = metadataValidator.clientName(metadata.clientName());
        String website = metadataValidator.website(metadata.website());
        List<String> grantTypes = metadataValidator.grantTypes(metadata.grantTypes());
        List<String> authMethods = metadataValidator.tokenEndpointAuthMethods(metadata.tokenEndpointAuthMethods());
        List<String> redirectUris = redirectUriValidator.validateFor(metadata.redirectUris(), grantTypes);
        List<String> scopes = scopeValidator.validate(metadata.scope());

        Instant now = Instant.now();
        Client client = new Client(clientIdIssuer.issue(), clientName, website, redirectUris, scopes, grantTypes,
                authMethods, now);
        client.setKind(Client.MASTODON);
        clients.persist(client);
        ClientSecretIssuer.IssuedSecret secret = secretIssuer.issue();
        secrets.persist(new ClientSecret(client, secret.hash(), now, null));

        LOG.infof("Registered client %s (%s) with scopes %s", client.getClientId(), clientName, scopes);
        audit.record("client.created", "success",
                Map.of("client_id", client.getClientId(), "via", "mastodon_apps"));
        return new ClientInformation(RegisteredClient.of(client), secret.secret());
    }
}
