package org.gatehouse.registration.client;

import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.DeveloperApp;

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

    /**
     * A developer app seen as a client, so authorization-service can show it on the consent page: its scopes are the
     * requested permissions. It has no grant types and no token endpoint authentication method, because it never
     * gets OAuth tokens (it calls APIs with its API key).
     */
    static RegisteredClient of(DeveloperApp app) {
        return new RegisteredClient(app.getId(), app.getClientId(), app.getName(), null, app.getRedirectUris(),
                app.getRequestedPermissions(), List.of(), List.of(), app.getCreatedAt());
    }
}
