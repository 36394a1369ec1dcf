package org.gatehouse.token.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.token.issue.AccessToken;
import org.gatehouse.token.issue.IssuedTokens;

/**
 * The successful token response of RFC 6749 §5.1 (https://www.rfc-editor.org/rfc/rfc6749#section-5.1), plus
 * {@code created_at} (epoch seconds) that Mastodon clients read and, for OpenID Connect requests, {@code id_token}
 * (OIDC Core §3.1.3.3).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("id_token") String idToken) {

    public static final String BEARER = "Bearer";

    /** A response carrying only an access token (client_credentials: §4.4.3 says no refresh token). */
    public static TokenResponse of(AccessToken token) {
        return new TokenResponse(token.value(), BEARER, token.expiresIn(), null, scopeOf(token),
                token.issuedAt().getEpochSecond(), null);
    }

    /** An access token with the refresh token issued beside it (if any) and an ID token (if any). */
    public static TokenResponse of(IssuedTokens tokens, String idToken) {
        AccessToken token = tokens.accessToken();
        return new TokenResponse(token.value(), BEARER, token.expiresIn(), tokens.refreshToken(), scopeOf(token),
                token.issuedAt().getEpochSecond(), idToken);
    }

    private static String scopeOf(AccessToken token) {
        return token.scope().isEmpty() ? null : token.scope();
    }

    @Override
    public String toString() {
        return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + ", scope=" + scope
                + ", refresh_token=" + (refreshToken == null ? "none" : "***")
                + ", id_token=" + (idToken == null ? "none" : "***") + "]";
    }
}
