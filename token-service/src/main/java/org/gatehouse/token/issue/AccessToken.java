package org.gatehouse.token.issue;

import java.time.Instant;

/**
 * A signed access token, what the token response reports about it, and its {@code jti} and expiry so that
 * whatever it depends on (its family) can record it for revocation.
 */
public record AccessToken(String value, Instant issuedAt, long expiresIn, String scope, String jti,
                          Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[jti=" + jti + ", scope=" + scope + ", expiresAt=" + expiresAt + "]";
    }
}
