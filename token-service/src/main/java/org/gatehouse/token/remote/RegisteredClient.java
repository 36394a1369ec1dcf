package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * token-service's own copy of what it reads from registration-service's {@code GET /internal/clients/{id}}
 * (the contract's shape; fields this service does not need are ignored).
 *
 * @param jwks      the client's registered JWK Set object ({@code {"keys":[...]}}) for {@code private_key_jwt}, or null
 * @param jwksUri   where the client publishes its JWK Set instead, or null
 * @param jwtSecret the client secret itself, only for {@code client_secret_jwt} clients (the HMAC key of their
 *                  assertions, which a hash cannot replace); null otherwise. Never logged.
 * @param idTokenSignedResponseAlg the JWS algorithm of the client's ID tokens (RS256 or ES256), or null: the default
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredClient(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_methods") List<String> tokenEndpointAuthMethods,
        // Several hashes while a rotated secret's overlap lasts.
        @JsonProperty("secret_hashes") List<String> secretHashes,
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwt_secret") String jwtSecret,
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg) {

    public RegisteredClient {
        scopes = copy(scopes);
        redirectUris = copy(redirectUris);
        grantTypes = copy(grantTypes);
        tokenEndpointAuthMethods = copy(tokenEndpointAuthMethods);
        secretHashes = copy(secretHashes);
        jwks = jwks == null || jwks.isNull() || jwks.isMissingNode() ? null : jwks;
        jwksUri = jwksUri == null || jwksUri.isBlank() ? null : jwksUri;
        jwtSecret = jwtSecret == null || jwtSecret.isEmpty() ? null : jwtSecret;
    }

    /** A client registered with secrets only (the contract's original shape). */
    public RegisteredClient(String clientId, List<String> scopes, List<String> redirectUris, List<String> grantTypes,
                            List<String> tokenEndpointAuthMethods, List<String> secretHashes) {
        this(clientId, scopes, redirectUris, grantTypes, tokenEndpointAuthMethods, secretHashes, null, null, null, null);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }

    @Override
    public String toString() {
        // Hashes and the JWT secret stay out of logs; keys are public but long.
        return "RegisteredClient[clientId=" + clientId + ", methods=" + tokenEndpointAuthMethods
                + ", grantTypes=" + grantTypes + ", scopes=" + scopes + ", secretHashes=" + secretHashes.size()
                + ", jwks=" + (jwks != null) + ", jwksUri=" + jwksUri + ", jwtSecret=" + (jwtSecret == null ? "none" : "***")
                + "]";
    }
}
