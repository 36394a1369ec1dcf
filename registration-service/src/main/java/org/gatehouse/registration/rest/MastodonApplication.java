package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gatehouse.registration.client.ClientInformation;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.List;

/**
 * Mastodon's {@code CredentialApplication} entity: the app as registered, with its credentials. Returned once,
 * by registration; no later request can read {@code client_secret} again.
 *
 * @see <a href="https://docs.joinmastodon.org/entities/Application/">Mastodon API: Application</a>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "name", "website", "redirect_uri", "redirect_uris", "client_id", "client_secret",
        "client_secret_expires_at", "scopes", "vapid_key"})
public record MastodonApplication(
        String id,
        String name,
        String website,
        @JsonProperty("redirect_uri") String redirectUri,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_secret_expires_at") long clientSecretExpiresAt,
        List<String> scopes,
        @JsonProperty("vapid_key") String vapidKey) {

    static MastodonApplication of(ClientInformation information) {
        RegisteredClient client = information.client();
        return new MastodonApplication(client.id().toString(), client.clientName(), client.website(),
                // Mastodon (Doorkeeper) keeps several redirect URIs newline-separated in this deprecated field.
                String.join("\n", client.redirectUris()), client.redirectUris(), client.clientId(),
                information.clientSecret(), 0L, client.scopes(), "");
    }

    @Override
    public String toString() {
        return "MastodonApplication[id=" + id + ", client_id=" + clientId + ", client_secret=<redacted>]";
    }
}
