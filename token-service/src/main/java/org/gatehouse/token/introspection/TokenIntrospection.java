package org.gatehouse.token.introspection;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.revocation.RevokedTokenRegistry;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.issue.AccessTokenVerifier;
import org.gatehouse.token.issue.RefreshTokenIssuer;
import org.gatehouse.token.issue.VerifiedAccessToken;
import org.gatehouse.token.repository.RefreshToken;

import java.time.Instant;
import java.util.Optional;

/**
 * Token introspection (RFC 7662 §2, https://www.rfc-editor.org/rfc/rfc7662#section-2). Only authenticated
 * confidential clients may ask (§2.1 requires authorization; a public client proves nothing); a client sees its own
 * tokens, and a client registered with the {@code introspection} permission (a resource server) sees any. Anything
 * else — malformed, not ours, expired, revoked, rotated, or another client's — is {@code {"active": false}}, so the
 * answer never tells a client more than that it may not use the token (§2.2, §4).
 */
@ApplicationScoped
public class TokenIntrospection {

    /** RFC 6749 §7.1 type of our access tokens. */
    static final String ACCESS_TOKEN_TYPE = "Bearer";
    /** Refresh tokens have no RFC 6749 §7.1 type; this names what the token is. */
    static final String REFRESH_TOKEN_TYPE = "refresh_token";

    private final VerifiedAccessTokenCache accessTokens;
    private final RevokedTokenRegistry denylist;
    private final RefreshTokenIssuer refreshTokens;
    private final String issuer;

    public TokenIntrospection(VerifiedAccessTokenCache accessTokens, RevokedTokenRegistry denylist,
                              RefreshTokenIssuer refreshTokens, GatehouseConfig gatehouse) {
        this.accessTokens = accessTokens;
        this.denylist = denylist;
        this.refreshTokens = refreshTokens;
        this.issuer = gatehouse.publicUrl();
    }

    /**
     * @param token the token to introspect (REQUIRED)
     */
    public IntrospectionResponse introspect(String token, AuthenticatedClient caller) {
        if (caller.isPublic()) {
            throw OAuthException.invalidClient("Introspection requires client authentication");
        }
        if (token == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        return AccessTokenVerifier.looksLikeJwt(token) ? accessToken(token, caller) : refreshToken(token, caller);
    }

    private IntrospectionResponse accessToken(String token, AuthenticatedClient caller) {
        Optional<VerifiedAccessToken> verified = accessTokens.verify(token);
        if (verified.isEmpty()) {
            return IntrospectionResponse.INACTIVE;
        }
        VerifiedAccessToken claims = verified.get();
        // Judged on every call, cached signature or not. The denylist is read from memory: a revocation through this
        // replica is there once it commits (LocalDenylistRefresh), one through another replica within the 2 s poll.
        if (claims.isExpiredAt(Instant.now()) || !visible(claims.clientId(), caller)
                || denylist.refuses(claims.jti(), claims.issuedAt().getEpochSecond())) {
            return IntrospectionResponse.INACTIVE;
        }
        Object aud = claims.audience().size() == 1 ? claims.audience().get(0)
                : claims.audience().isEmpty() ? null : claims.audience();
        return new IntrospectionResponse(true, claims.scope(), claims.clientId(), claims.subject(),
                claims.expiresAt().getEpochSecond(), claims.issuedAt().getEpochSecond(), ACCESS_TOKEN_TYPE, issuer,
                aud, claims.jti());
    }

    private IntrospectionResponse refreshToken(String token, AuthenticatedClient caller) {
        Optional<RefreshToken> found = refreshTokens.find(token);
        if (found.isEmpty()) {
            return IntrospectionResponse.INACTIVE;
        }
        RefreshToken row = found.get();
        // Family revocation marks every row, so a current row of a revoked family cannot exist.
        if (!row.isCurrentAt(Instant.now()) || !visible(row.clientId, caller)) {
            return IntrospectionResponse.INACTIVE;
        }
        return new IntrospectionResponse(true, row.scope.isEmpty() ? null : row.scope, row.clientId, row.userId,
                row.expiresAt.getEpochSecond(), row.issuedAt.getEpochSecond(), REFRESH_TOKEN_TYPE, issuer, null,
                null);
    }

    private static boolean visible(String owner, AuthenticatedClient caller) {
        return owner.equals(caller.clientId()) || caller.mayIntrospectAnyToken();
    }
}
