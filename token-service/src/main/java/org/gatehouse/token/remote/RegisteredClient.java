package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * token-service's own copy of what it reads from registration-service's {@code GET /internal/clients/{id}}
 * (the contract's shape; fields this service does not need are ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredClient(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_methods") List<String> tokenEndpointAuthMethods,
        // Several hashes while a rotated secret's overlap lasts.
        @JsonProperty("secret_hashes") List<String> secretHashes) {

    public RegisteredClient {
        scopes = copy(scopes);
        redirectUris = copy(redirectUris);
        grantTypes = copy(grantTypes);
        tokenEndpointAuthMethods = copy(tokenEndpointAuthMethods);
        secretHashes = copy(secretHashes);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }
}
