package org.gatehouse.registration.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.registration.repository.Client;

import java.util.List;

/** A client as the admin API shows it (ARCHITECTURE.md "Operator plane"); {@code client_secret} only when just issued. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdminClientView(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("kind") String kind,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("managed") boolean managed,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("client_secret") String clientSecret) {

    static AdminClientView of(Client client) {
        return of(client, null);
    }

    static AdminClientView of(Client client, String newSecret) {
        return new AdminClientView(client.getClientId(), client.getClientName(), client.getKind(),
                client.getGrantTypes(), client.getScopes(), client.getRedirectUris(), client.isDisabled(), false,
                client.getCreatedAt().toString(), newSecret);
    }

    @Override
    public String toString() {
        return "AdminClientView[" + clientId + (clientSecret == null ? "" : ", client_secret=<redacted>") + "]";
    }
}
