package org.gatehouse.token.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.token.grant.TokenResponse;
import org.gatehouse.token.issue.IssuedTokens;

/** What {@code /authenticate} and {@code /refresh} answer (ARCHITECTURE.md flow 4). */
public record UserTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    static UserTokenResponse of(IssuedTokens tokens) {
        return new UserTokenResponse(tokens.accessToken().value(), tokens.refreshToken(), TokenResponse.BEARER,
                tokens.accessToken().expiresIn());
    }

    @Override
    public String toString() {
        return "UserTokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + "]";
    }
}
