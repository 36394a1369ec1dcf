package org.gatehouse.registration.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a secret rotation: the new secret, shown this once, and {@code client_secret_expires_at} as in
 * RFC 7591 §3.2.1 (0: it does not expire). {@link #toString()} never reveals the secret.
 */
public record ClientSecretResponse(
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_secret_expires_at") long clientSecretExpiresAt) {

    @Override
    public String toString() {
        return "ClientSecretResponse[client_secret=<redacted>]";
    }
}
