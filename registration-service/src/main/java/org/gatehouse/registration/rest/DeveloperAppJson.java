package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gatehouse.registration.developer.IssuedApp;
import org.gatehouse.registration.developer.ThirdPartyApp;

import java.time.Instant;
import java.util.List;

/** JSON shapes of {@code /api/v1/developer/apps} (ARCHITECTURE.md "JSON APIs for users' own settings"). */
final class DeveloperAppJson {

    private DeveloperAppJson() {
    }

    /** The request body of {@code POST /api/v1/developer/apps}. */
    record Input(
            // name (REQUIRED): shown to users on the consent page
            String name,
            // redirect_uris (REQUIRED): where authorization-service sends the user back
            @JsonProperty("redirect_uris") List<String> redirectUris,
            // requested_permissions (REQUIRED): catalogue permissions or aliases
            @JsonProperty("requested_permissions") List<String> requestedPermissions) {

        static final Input EMPTY = new Input(null, null, null);
    }

    /** An app as listed: never a key; {@code api_key_id} names which key the app has without revealing it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"client_id", "name", "redirect_uris", "requested_permissions", "api_key_id", "created_at"})
    record App(
            @JsonProperty("client_id") String clientId,
            String name,
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("requested_permissions") List<String> requestedPermissions,
            @JsonProperty("api_key_id") String apiKeyId,
            @JsonProperty("created_at") Instant createdAt) {

        static App of(ThirdPartyApp app) {
            return new App(app.clientId(), app.name(), app.redirectUris(), app.requestedPermissions(), app.apiKeyId(),
                    app.createdAt());
        }
    }

    /** The answer to registration: the app with its API key, the only time the key is shown. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"client_id", "api_key", "name", "redirect_uris", "requested_permissions", "created_at"})
    record Created(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("api_key") String apiKey,
            String name,
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("requested_permissions") List<String> requestedPermissions,
            @JsonProperty("created_at") Instant createdAt) {

        static Created of(IssuedApp issued) {
            ThirdPartyApp app = issued.app();
            return new Created(app.clientId(), issued.apiKey(), app.name(), app.redirectUris(),
                    app.requestedPermissions(), app.createdAt());
        }

        @Override
        public String toString() {
            return "Created[client_id=" + clientId + ", api_key=<redacted>]";
        }
    }

    /** The answer to a key rotation. */
    record RotatedKey(@JsonProperty("api_key") String apiKey) {
        @Override
        public String toString() {
            return "RotatedKey[api_key=<redacted>]";
        }
    }
}
