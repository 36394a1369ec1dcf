package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * token-service's own copy of what authorization-service's {@code POST /internal/authorization-codes/redeem}
 * answers: what the code was bound to when it was issued.
 *
 * @param redirectUriInRequest whether the authorization request carried {@code redirect_uri} (then the token
 *                             request must repeat it, RFC 6749 §4.1.3); null (an older sibling) counts as true
 * @param authTime             when the user authenticated, epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RedeemedCode(
        @JsonProperty("code_id") String codeId,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("redirect_uri") String redirectUri,
        @JsonProperty("redirect_uri_in_request") Boolean redirectUriInRequest,
        @JsonProperty("scope") String scope,
        @JsonProperty("nonce") String nonce,
        @JsonProperty("code_challenge") String codeChallenge,
        @JsonProperty("code_challenge_method") String codeChallengeMethod,
        @JsonProperty("auth_time") long authTime) {

    /** RFC 6749 §4.1.3: redirect_uri is REQUIRED in the token request if it was in the authorization request. */
    public boolean redirectUriRequired() {
        return redirectUriInRequest == null || redirectUriInRequest;
    }
}
