package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /register}: the username ({@code user_id}) and password ({@code user_secret}) of a new
 * account. {@link #toString()} never shows the secret.
 */
public record UserRegistrationRequest(
        // user_id (REQUIRED): the username, 3 to 32 of [A-Za-z0-9_.-] or an e-mail address of at most 254
        @JsonProperty("user_id") String userId,
        // user_secret (REQUIRED): the password, checked against the password policy
        @JsonProperty("user_secret") String userSecret) {

    static final UserRegistrationRequest EMPTY = new UserRegistrationRequest(null, null);

    @Override
    public String toString() {
        return "UserRegistrationRequest[user_id=" + userId + ", user_secret=<redacted>]";
    }
}
