package org.gatehouse.authorization.consent;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.authorization.remote.TokenGateway;
import org.gatehouse.common.error.OAuthException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * The apps a user authorized, as the account page shows them, and their revocation: the consent first (so nothing
 * new is issued), then the tokens at token-service (RFC 7009 §2.1 spirit: revoking the grant revokes its tokens).
 */
@ApplicationScoped
public class AuthorizedApps {

    private static final Logger LOG = Logger.getLogger(AuthorizedApps.class);

    private final ConsentService consents;
    private final RegistrationGateway registration;
    private final TokenGateway tokens;

    public AuthorizedApps(ConsentService consents, RegistrationGateway registration, TokenGateway tokens) {
        this.consents = consents;
        this.registration = registration;
        this.tokens = tokens;
    }

    public List<AuthorizedApp> listFor(String userId) {
        return consents.listFor(userId).stream()
                .map(c -> new AuthorizedApp(c.clientId(), nameOf(c.clientId()),
                        PermissionDescriptions.describe(c.scopes()), c.grantedAt()))
                .toList();
    }

    /**
     * Revokes the user's consent to the client and asks token-service to revoke the tokens. Returns false when
     * token-service could not be reached: the consent is revoked all the same and the tokens run out.
     */
    public boolean revoke(String userId, String clientId) {
        boolean hadConsent = consents.revoke(userId, clientId);
        boolean tokensRevoked = tokens.revokeTokens(userId, clientId);
        LOG.infof("User %s revoked client %s (consent %s, tokens %s)", userId, clientId,
                hadConsent ? "revoked" : "already gone", tokensRevoked ? "revoked" : "left to expire");
        return tokensRevoked;
    }

    /** A deleted client, or registration-service being down, must not hide the row the user wants to revoke. */
    private String nameOf(String clientId) {
        try {
            return registration.findClient(clientId).map(RegisteredClient::displayName).orElse(clientId);
        } catch (OAuthException e) {
            return clientId;
        }
    }

    public record AuthorizedApp(String clientId, String name, List<String> permissions, Instant grantedAt) {
    }
}
