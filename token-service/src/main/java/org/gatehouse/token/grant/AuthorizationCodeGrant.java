package org.gatehouse.token.grant;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.issue.FamilyGrant;
import org.gatehouse.token.issue.IdTokenIssuer;
import org.gatehouse.token.issue.IssuedTokens;
import org.gatehouse.token.issue.RefreshTokenIssuer;
import org.gatehouse.token.remote.AuthorizationGateway;
import org.gatehouse.token.remote.CodeRedemption;
import org.gatehouse.token.remote.RedeemedCode;
import org.gatehouse.token.revocation.FamilyRevoker;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * The authorization code grant, token request (RFC 6749 §4.1.3, https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3):
 * the code is redeemed at authorization-service (which marks it used exactly once), then checked against this
 * request: issued to this client, same {@code redirect_uri} when the authorization request had one, and PKCE
 * (RFC 7636 §4.6; mandatory for public clients). A replayed code revokes what was issued from it (§4.1.2). Issues an
 * access token, a refresh token when the client may use the refresh_token grant, and an ID token when the scope
 * has {@code openid} (OIDC Core §3.1.3.3).
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class);
    /** authorization-service's codes are 43 characters; far longer input is not worth a remote call. */
    static final int MAX_CODE_LENGTH = 512;
    static final String OPENID = "openid";

    private final AuthorizationGateway authorizations;
    private final RefreshTokenIssuer tokens;
    private final IdTokenIssuer idTokens;
    private final FamilyRevoker revoker;

    public AuthorizationCodeGrant(AuthorizationGateway authorizations, RefreshTokenIssuer tokens,
                                  IdTokenIssuer idTokens, FamilyRevoker revoker) {
        this.authorizations = authorizations;
        this.tokens = tokens;
        this.idTokens = idTokens;
        this.revoker = revoker;
    }

    @Override
    public String grantType() {
        return GrantTypes.AUTHORIZATION_CODE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        // code (REQUIRED)
        String code = request.parameter(TokenRequest.CODE)
                .orElseThrow(() -> OAuthException.invalidRequest("code is required"));
        if (code.length() > MAX_CODE_LENGTH) {
            throw invalidCode();
        }
        RedeemedCode redeemed = redeem(code);
        // client_id: the code must have been issued to the authenticated client (§4.1.3).
        if (!client.clientId().equals(redeemed.clientId())) {
            LOG.warnf("Client %s presented a code issued to %s", client.clientId(), redeemed.clientId());
            throw invalidCode();
        }
        // redirect_uri (REQUIRED if it was in the authorization request; when sent, it must be identical)
        String redirectUri = request.parameter(TokenRequest.REDIRECT_URI).orElse(null);
        if (redirectUri == null ? redeemed.redirectUriRequired() : !redirectUri.equals(redeemed.redirectUri())) {
            throw new OAuthException(OAuthError.INVALID_GRANT,
                    "redirect_uri must be the one of the authorization request");
        }
        // code_verifier (REQUIRED when a challenge was sent; public clients must have sent one)
        PkceVerifier.verify(redeemed.codeChallenge(), redeemed.codeChallengeMethod(),
                request.parameter(TokenRequest.CODE_VERIFIER).orElse(null), client.isPublic());

        Set<String> scopes = Permissions.parse(redeemed.scope());
        boolean withRefreshToken = client.grantTypes().contains(GrantTypes.REFRESH_TOKEN);
        IssuedTokens issued = tokens.startFamily(
                new FamilyGrant(client.clientId(), redeemed.userId(), scopes, redeemed.codeId()), withRefreshToken);
        String idToken = scopes.contains(OPENID)
                ? idTokens.issue(redeemed.userId(), client.clientId(), redeemed.authTime(), redeemed.nonce(),
                issued.accessToken())
                : null;
        return TokenResponse.of(issued, idToken);
    }

    private RedeemedCode redeem(String code) {
        CodeRedemption redemption = authorizations.redeem(code);
        if (redemption instanceof CodeRedemption.Redeemed redeemed) {
            return redeemed.code();
        }
        if (redemption instanceof CodeRedemption.Replayed replayed) {
            // §4.1.2: "SHOULD revoke (when possible) all tokens previously issued based on that authorization code"
            int families = revoker.revokeFamiliesOfCode(replayed.codeId());
            LOG.warnf("Authorization code %s was replayed; revoked %d token family(ies) issued from it",
                    replayed.codeId(), families);
        }
        throw invalidCode();
    }

    private static OAuthException invalidCode() {
        return new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid, expired or used");
    }
}
