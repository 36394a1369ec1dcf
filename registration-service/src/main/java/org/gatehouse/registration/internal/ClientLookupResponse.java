package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.gatehouse.registration.client.ClientDirectory.ClientCredentials;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.List;

/**
 * The internal client record of the cross-service contract (field names and shape are fixed). The fields of
 * issue 4 appear only when they apply: {@code jwks} (the registered JWK Set object) or {@code jwks_uri}, and
 * {@code jwt_secret} (the secret itself, for {@code client_secret_jwt} clients only: their assertions are HMACs keyed
 * by it). {@link #toString()} never reveals the secret.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"client_id", "client_name", "website", "scopes", "redirect_uris", "grant_types",
        "token_endpoint_auth_methods", "secret_hashes", "jwks", "jwks_uri", "jwt_secret", "require_pkce",
        "id_token_signed_response_alg", "userinfo_signed_response_alg"})
public record ClientLookupResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        String website,
        List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_methods") List<String> tokenEndpointAuthMethods,
        @JsonProperty("secret_hashes") List<String> secretHashes,
        // Stored as the compact JSON text the registration validated: written out as the object it is.
        @JsonProperty("jwks") @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String jwks,
        @JsonProperty("jwks_uri") @JsonInclude(JsonInclude.Include.NON_NULL) String jwksUri,
        @JsonProperty("jwt_secret") @JsonInclude(JsonInclude.Include.NON_NULL) String jwtSecret,
        @JsonProperty("require_pkce") boolean requirePkce,
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        @JsonProperty("userinfo_signed_response_alg") String userinfoSignedResponseAlg) {

    static ClientLookupResponse of(ClientCredentials credentials) {
        RegisteredClient client = credentials.client();
        return new ClientLookupResponse(client.clientId(), client.clientName(), client.website(), client.scopes(),
                client.redirectUris(), client.grantTypes(), client.tokenEndpointAuthMethods(),
                credentials.secretHashes(), client.jwks(), client.jwksUri(), credentials.jwtSecret(),
                client.requirePkce(), client.idTokenSignedResponseAlg(),
                client.userinfoSignedResponseAlg());
    }

    @Override
    public String toString() {
        return "ClientLookupResponse[client_id=" + clientId + ", token_endpoint_auth_methods="
                + tokenEndpointAuthMethods + ", jwt_secret=" + (jwtSecret == null ? "none" : "<redacted>") + "]";
    }
}
