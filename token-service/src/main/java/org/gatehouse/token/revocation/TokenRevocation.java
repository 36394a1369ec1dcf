package org.gatehouse.token.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.issue.AccessTokenVerifier;
import org.gatehouse.token.issue.RefreshTokenIssuer;
import org.gatehouse.token.issue.VerifiedAccessToken;
import org.gatehouse.token.repository.RefreshToken;
import org.gatehouse.token.repository.RevokedAccessTokenRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Token revocation (RFC 7009 §2.1, https://www.rfc-editor.org/rfc/rfc7009#section-2.1). A refresh token revokes its
 * whole family, live access tokens included; an access token is denylisted until it expires. The token must have
 * been issued to the requesting client, otherwise the request is refused (§2.1). A value that is no token of
 * ours, or one already expired or revoked, is answered with success (§2.2: "invalid tokens do not cause an error").
 *
 * <p>{@code token_type_hint} is not needed: refresh tokens are opaque base64url and access tokens are JWS compact
 * serialisations, so the shape tells them apart, and any hint value is accepted (§2.1 lets the server search all
 * types; an unknown hint is ignored rather than answered with {@code unsupported_token_type}).
 */
@ApplicationScoped
public class TokenRevocation {

    private static final Logger LOG = Logger.getLogger(TokenRevocation.class);

    private final RefreshTokenIssuer refreshTokens;
    private final AccessTokenVerifier accessTokens;
    private final FamilyRevoker revoker;
    private final RevokedAccessTokenRepository denylist;
    private final AuditLog audit;

    public TokenRevocation(RefreshTokenIssuer refreshTokens, AccessTokenVerifier accessTokens, FamilyRevoker revoker,
                           RevokedAccessTokenRepository denylist, AuditLog audit) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revoker = revoker;
        this.denylist = denylist;
        this.audit = audit;
    }

    /**
     * @param token the token to revoke (REQUIRED)
     */
    public void revoke(String token, AuthenticatedClient client) {
        if (token == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        if (AccessTokenVerifier.looksLikeJwt(token)) {
            revokeAccessToken(token, client);
        } else {
            revokeRefreshToken(token, client);
        }
    }

    private void revokeRefreshToken(String token, AuthenticatedClient client) {
        Optional<RefreshToken> found = refreshTokens.find(token);
        if (found.isEmpty()) {
            audited("refresh_token", "unknown", client);
            return;
        }
        requireIssuedTo(found.get().clientId, client, "refresh_token");
        revoker.revokeFamily(found.get().familyId, FamilyRevoker.REVOCATION_REQUEST);
        audited("refresh_token", "success", client);
    }

    private void revokeAccessToken(String token, AuthenticatedClient client) {
        Optional<VerifiedAccessToken> verified = accessTokens.verify(token);
        if (verified.isEmpty()) {
            audited("access_token", "unknown", client);
            return;
        }
        VerifiedAccessToken accessToken = verified.get();
        requireIssuedTo(accessToken.clientId(), client, "access_token");
        Instant now = Instant.now();
        if (accessToken.isExpiredAt(now)) {
            audited("access_token", "expired", client);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> denylist.denylist(accessToken.jti(), accessToken.expiresAt(), now));
        LOG.debugf("Access token %s of client %s denylisted", accessToken.jti(), client.clientId());
        audit.record("token.revoked", "success",
                Map.of("token_type", "access_token", "client_id", client.clientId(), "jti", accessToken.jti()));
    }

    /** §2.1: "verifies whether the token was issued to the client making the revocation request". */
    private void requireIssuedTo(String owner, AuthenticatedClient client, String tokenType) {
        if (!owner.equals(client.clientId())) {
            audited(tokenType, "denied", client);
            LOG.warnf("Client %s asked to revoke a token of client %s", client.clientId(), owner);
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "The token was not issued to this client");
        }
    }

    /** Identifiers only: the presented token itself is never logged. */
    private void audited(String tokenType, String outcome, AuthenticatedClient client) {
        audit.record("token.revoked", outcome, Map.of("token_type", tokenType, "client_id", client.clientId()));
    }
}
