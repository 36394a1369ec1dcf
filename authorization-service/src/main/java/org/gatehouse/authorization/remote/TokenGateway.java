package org.gatehouse.authorization.remote;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;
import org.jboss.logging.Logger;

/** token-service as this service needs it: revoking what a user's authorization of a client produced. */
@ApplicationScoped
public class TokenGateway {

    private static final String CALLEE = "token-service";
    private static final Logger LOG = Logger.getLogger(TokenGateway.class);

    private final TokenRestClient restClient;
    private final ServiceTokenIssuer serviceTokens;

    public TokenGateway(@RestClient TokenRestClient restClient, ServiceTokenIssuer serviceTokens) {
        this.restClient = restClient;
        this.serviceTokens = serviceTokens;
    }

    /**
     * Asks token-service to revoke every refresh-token family of the user and client and denylist their access
     * tokens (idempotent there). True once token-service confirmed; false, after logging, when it could not be
     * reached, refused or did not answer within the rest client's timeouts: the caller keeps the request and retries.
     */
    public boolean revokeTokens(String userId, String clientId) {
        try {
            restClient.revoke(new TokenRestClient.Revocation(userId, clientId), serviceTokens.authorizationFor(CALLEE));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Token revocation for client %s of user %s not confirmed by token-service: %s",
                    clientId, userId, e.getMessage());
            return false;
        }
    }
}
