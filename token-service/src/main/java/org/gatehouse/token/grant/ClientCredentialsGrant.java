package org.gatehouse.token.grant;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.issue.AccessToken;
import org.gatehouse.token.issue.AccessTokenIssuer;

import java.util.Set;

/**
 * The client credentials grant (RFC 6749 §4.4, https://www.rfc-editor.org/rfc/rfc6749#section-4.4): a
 * confidential client obtains a token for itself. The subject is the client; no refresh token is issued
 * (§4.4.3). Client authentication has already happened (§4.4.2 "MUST authenticate").
 */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

    private final ScopePolicy scopePolicy;
    private final AccessTokenIssuer accessTokens;

    public ClientCredentialsGrant(ScopePolicy scopePolicy, AccessTokenIssuer accessTokens) {
        this.scopePolicy = scopePolicy;
        this.accessTokens = accessTokens;
    }

    @Override
    public String grantType() {
        return GrantTypes.CLIENT_CREDENTIALS;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        // §4.4: "MUST only be used by confidential clients"; a public client proved nothing about itself.
        if (client.isPublic()) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "Public clients cannot use the client_credentials grant");
        }
        // scope (OPTIONAL): a subset of the client's registered scopes; absent means all of them
        Set<String> scopes = scopePolicy.grant(request.scope(), client.scopes());
        AccessToken token = accessTokens.issue(client.clientId(), client.clientId(), scopes);
        return TokenResponse.of(token);
    }
}
