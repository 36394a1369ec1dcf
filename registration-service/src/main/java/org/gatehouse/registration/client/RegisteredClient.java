package org.gatehouse.registration.client;

import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.DeveloperApp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered client as the rest of the service sees it: validated metadata, never secret material.
 * {@code jwks} is the registered JWK Set as JSON text (public keys only).
 */
public record RegisteredClient(
        UUID id,
        String clientId,
        String clientName,
        String website,
        List<String> redirectUris,
        List<String> scopes,
        List<String> grantTypes,
        List<String> tokenEndpointAuthMethods,
        Instant createdAt,
        List<String> contacts,
        String logoUri,
        String tosUri,
        String policyUri,
        String jwks,
        String jwksUri,
        String softwareId,
        String softwareVersion,
        boolean requirePkce,
        String idTokenSignedResponseAlg,
        String userinfoSignedResponseAlg) {

    static RegisteredClient of(Client client) {
        return new RegisteredClient(client.getId(), client.getClientId(), client.getClientName(), client.getWebsite(),
                client.getRedirectUris(), client.getScopes(), client.getGrantTypes(),
                client.getTokenEndpointAuthMethods(), client.getCreatedAt(), client.getContacts(), client.getLogoUri(),
                client.getTosUri(), client.getPolicyUri(), client.getJwks(), client.getJwksUri(),
                client.getSoftwareId(), client.getSoftwareVersion(), client.isRequirePkce(),
                client.getIdTokenSignedResponseAlg(), client.getUserinfoSignedResponseAlg());
    }

    /**
     * A developer app seen as a client, so authorization-service can show it on the consent page: its scopes are the
     * requested permissions. It has no grant types and no token endpoint authentication method, because it never
     * gets OAuth tokens (it calls APIs with its API key).
     */
    static RegisteredClient of(DeveloperApp app) {
        return new RegisteredClient(app.getId(), app.getClientId(), app.getName(), null, app.getRedirectUris(),
                app.getRequestedPermissions(), List.of(), List.of(), app.getCreatedAt(), List.of(), null, null, null,
                null, null, null, null, false, ClientMetadata.RS256, null);
    }

    /** The single {@code token_endpoint_auth_method} of a dynamically registered client (RFC 7591 §2). */
    public String tokenEndpointAuthMethod() {
        return tokenEndpointAuthMethods.isEmpty() ? null : tokenEndpointAuthMethods.get(0);
    }

    /** RFC 7591 §2.1: {@code code} exactly when the client may use the authorization code grant. */
    public List<String> responseTypes() {
        return grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE) ? List.of(ClientMetadata.CODE) : List.of();
    }

    /** Whether the client was issued a {@code client_secret} (RFC 7591 §3.2.1). */
    public boolean usesSecret() {
        return tokenEndpointAuthMethods.stream().anyMatch(ClientMetadata::usesSecret);
    }
}
