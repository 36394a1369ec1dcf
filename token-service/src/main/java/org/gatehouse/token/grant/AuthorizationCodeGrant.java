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
 * the code is redeemed at authorization-service together with what this request presents for it: the authenticated
 * client, {@code redirect_uri} (identical when the authorization request had one) and the S256 of
 * {@code code_verifier} (RFC 7636 §4.6; mandatory for public clients). authorization-service uses the code up only
 * when all of these match, so another client, or a request without the right verifier, cannot burn it; and only the
 * code's own client presenting it again with a matching binding counts as a replay, which revokes everything issued
 * from the code, its access tokens included (§4.1.2). Issues an
 * access token, a refresh token when the client may use the refresh_token grant, and an ID token when the scope
 * has {@code openid} (OIDC Core §3.1.3.3). The claims the authorization request named (OIDC Core §5.5) go into the
 * access token for UserInfo to release ({@link RedeemedCode#claimsForUserInfo()}).
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
        // redirect_uri (REQUIRED if it was in the authorization request; when sent, it must be identical)
        String redirectUri = request.parameter(TokenRequest.REDIRECT_URI).orElse(null);
        // code_verifier (REQUIRED when a challenge was sent; public clients must have sent one)
        String codeChallenge = PkceVerifier.challengeOf(request.parameter(TokenRequest.CODE_VERIFIER).orElse(null));
        RedeemedCode redeemed = redeem(new CodeRedemption.Request(code, client.clientId(), redirectUri, codeChallenge,
                client.isPublic()));
        if (!client.clientId().equals(redeemed.clientId())) {
            // authorization-service matched the client already; a different one here is a broken sibling.
            LOG.errorf("authorization-service redeemed a code of %s for %s", redeemed.clientId(), client.clientId());
            throw invalidCode();
        }

        Set<String> scopes = Permissions.parse(redeemed.scope());
        boolean withRefreshToken = client.grantTypes().contains(GrantTypes.REFRESH_TOKEN);
        IssuedTokens issued = tokens.startFamily(
                new FamilyGrant(client.clientId(), redeemed.userId(), scopes, redeemed.codeId(),
                        redeemed.claimsForUserInfo()), withRefreshToken);
        String idToken = scopes.contains(OPENID)
                ? idTokens.issue(redeemed.userId(), client.clientId(), redeemed.authTime(), redeemed.nonce(),
                issued.accessToken(), client.idTokenSignedResponseAlg())
                : null;
        return TokenResponse.of(issued, idToken);
    }

    private RedeemedCode redeem(CodeRedemption.Request presented) {
        CodeRedemption redemption = authorizations.redeem(presented);
        if (redemption instanceof CodeRedemption.Redeemed redeemed) {
            return redeemed.code();
        }
        if (redemption instanceof CodeRedemption.Mismatch mismatch) {
            throw new OAuthException(OAuthError.INVALID_GRANT, mismatch.description());
        }
        if (redemption instanceof CodeRedemption.Replayed replayed) {
            // §4.1.2: "SHOULD revoke (when possible) all tokens previously issued based on that authorization code"
            int families = revoker.revokeFamiliesOfCode(replayed.codeId());
            LOG.warnf("Authorization code %s was replayed by its client %s; revoked %d token family(ies) issued "
                    + "from it", replayed.codeId(), presented.clientId(), families);
        }
        throw invalidCode();
    }

    private static OAuthException invalidCode() {
        return new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid, expired or used");
    }
}
