package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gatehouse.registration.client.ClientDirectory.ClientCredentials;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.List;

/** The internal client record of the cross-service contract (field names and shape are fixed). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"client_id", "client_name", "website", "scopes", "redirect_uris", "grant_types",
        "token_endpoint_auth_methods", "secret_hashes"})
public record ClientLookupResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        String website,
        List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_methods") List<String> tokenEndpointAuthMethods,
        @JsonProperty("secret_hashes") List<String> secretHashes) {

    static ClientLookupResponse of(ClientCredentials credentials) {
        RegisteredClient client = credentials.client();
        return new ClientLookupResponse(client.clientId(), client.clientName(), client.website(), client.scopes(),
                client.redirectUris(), client.grantTypes(), client.tokenEndpointAuthMethods(),
                credentials.secretHashes());
    }
}
