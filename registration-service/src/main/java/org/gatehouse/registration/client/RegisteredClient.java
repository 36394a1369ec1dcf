package org.gatehouse.registration.client;

import org.gatehouse.registration.repository.Client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered client as the rest of the service sees it: validated metadata, never secret material. */
public record RegisteredClient(
        UUID id,
        String clientId,
        String clientName,
        String website,
        List<String> redirectUris,
        List<String> scopes,
        List<String> grantTypes,
        List<String> tokenEndpointAuthMethods,
        Instant createdAt) {

    static RegisteredClient of(Client client) {
        return new RegisteredClient(client.getId(), client.getClientId(), client.getClientName(), client.getWebsite(),
                client.getRedirectUris(), client.getScopes(), client.getGrantTypes(),
                client.getTokenEndpointAuthMethods(), client.getCreatedAt());
    }
}
