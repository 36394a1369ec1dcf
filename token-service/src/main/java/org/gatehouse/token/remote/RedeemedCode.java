package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * token-service's own copy of what authorization-service's {@code POST /internal/authorization-codes/redeem}
 * answers: what the code was bound to when it was issued.
 *
 * @param redirectUriInRequest whether the authorization request carried {@code redirect_uri} (then the token
 *                             request must repeat it, RFC 6749 §4.1.3); null (an older sibling) counts as true
 * @param authTime             when the user authenticated, epoch seconds
 * @param userInfoClaims       claims the request's {@code claims} parameter named for UserInfo (OIDC Core §5.5);
 *                             null (an older sibling) counts as none
 * @param idTokenClaims        claims it named for the ID token; null counts as none
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
        @JsonProperty("auth_time") long authTime,
        @JsonProperty("userinfo_claims") List<String> userInfoClaims,
        @JsonProperty("id_token_claims") List<String> idTokenClaims) {

    /** RFC 6749 §4.1.3: redirect_uri is REQUIRED in the token request if it was in the authorization request. */
    public boolean redirectUriRequired() {
        return redirectUriInRequest == null || redirectUriInRequest;
    }

    /**
     * What UserInfo releases by name: the claims named for UserInfo and those named for the ID token, which this
     * service cannot put there (it holds no profile data; every claim it has, {@code auth_time} and {@code acr}
     * included, is in every ID token already). OpenID Connect Core §5.5 lets an OP return a requested claim at
     * UserInfo instead.
     */
    public Set<String> claimsForUserInfo() {
        Set<String> claims = new LinkedHashSet<>();
        if (userInfoClaims != null) {
            claims.addAll(userInfoClaims);
        }
        if (idTokenClaims != null) {
            claims.addAll(idTokenClaims);
        }
        return claims;
    }
}
