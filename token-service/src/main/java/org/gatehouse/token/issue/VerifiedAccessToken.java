package org.gatehouse.token.issue;

import java.time.Instant;
import java.util.List;

/** The claims of an access token whose signature and issuer were verified (its expiry is for the caller to judge). */
public record VerifiedAccessToken(String jti, String subject, String clientId, String scope, Instant issuedAt,
                                  Instant expiresAt, List<String> audience) {

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
