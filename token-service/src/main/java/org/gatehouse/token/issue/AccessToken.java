package org.gatehouse.token.issue;

import java.time.Instant;

/** A signed access token and what the token response reports about it. */
public record AccessToken(String value, Instant issuedAt, long expiresIn, String scope) {
}
