package org.gatehouse.registration.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.ClientConfiguration.ClientUpdate;
import org.gatehouse.registration.client.ClientMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of an RFC 7591 registration request (§3.1) or an RFC 7592 update (§2.2, which adds
 * {@code client_id} and may carry {@code client_secret}). Members are read as JSON trees so that a value of the
 * wrong type is answered with the RFC's {@code invalid_client_metadata} (or {@code invalid_redirect_uri}) rather than
 * a generic parse error. Unknown members are ignored, as RFC 7591 §2 requires, and not stored or echoed; the members
 * of the registration response that a client echoes back in an update ({@code registration_access_token},
 * {@code registration_client_uri}, {@code client_id_issued_at}, {@code client_secret_expires_at}) are ignored the
 * same way.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2.2">RFC 7592 §2.2</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRegistrationRequest(
        // redirect_uris (REQUIRED with authorization_code): array of strings
        @JsonProperty("redirect_uris") JsonNode redirectUris,
        // token_endpoint_auth_method (OPTIONAL, default client_secret_basic): string
        @JsonProperty("token_endpoint_auth_method") JsonNode tokenEndpointAuthMethod,
        // grant_types (OPTIONAL, default [authorization_code]) and response_types (OPTIONAL, default [code])
        @JsonProperty("grant_types") JsonNode grantTypes,
        @JsonProperty("response_types") JsonNode responseTypes,
        // scope (OPTIONAL): space-separated string
        @JsonProperty("scope") JsonNode scope,
        @JsonProperty("client_name") JsonNode clientName,
        @JsonProperty("client_uri") JsonNode clientUri,
        @JsonProperty("logo_uri") JsonNode logoUri,
        @JsonProperty("tos_uri") JsonNode tosUri,
        @JsonProperty("policy_uri") JsonNode policyUri,
        @JsonProperty("contacts") JsonNode contacts,
        // jwks XOR jwks_uri (REQUIRED for private_key_jwt)
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("jwks_uri") JsonNode jwksUri,
        @JsonProperty("software_id") JsonNode softwareId,
        @JsonProperty("software_version") JsonNode softwareVersion,
        // require_pkce (OPTIONAL, default false): boolean
        @JsonProperty("require_pkce") JsonNode requirePkce,
        // id_token_signed_response_alg (OPTIONAL, default RS256; OpenID Connect Dynamic Client Registration §2)
        @JsonProperty("id_token_signed_response_alg") JsonNode idTokenSignedResponseAlg,
        // userinfo_signed_response_alg (OPTIONAL, default none: plain JSON; OpenID Connect Dynamic Client Registration §2)
        @JsonProperty("userinfo_signed_response_alg") JsonNode userinfoSignedResponseAlg,
        // client_id (REQUIRED in an update) and client_secret (OPTIONAL in an update, must be the current one)
        @JsonProperty("client_id") JsonNode clientId,
        @JsonProperty("client_secret") JsonNode clientSecret) {

    static final ClientRegistrationRequest EMPTY = new ClientRegistrationRequest(null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public ClientMetadata toMetadata() {
        String method = string(tokenEndpointAuthMethod, "token_endpoint_auth_method");
        return new ClientMetadata(
                string(clientName, "client_name"),
                string(clientUri, "client_uri"),
                strings(redirectUris, "redirect_uris", OAuthError.INVALID_REDIRECT_URI),
                string(scope, "scope"),
                strings(grantTypes, "grant_types", OAuthError.INVALID_CLIENT_METADATA),
                method == null ? null : List.of(method),
                strings(responseTypes, "response_types", OAuthError.INVALID_CLIENT_METADATA),
                string(logoUri, "logo_uri"),
                string(tosUri, "tos_uri"),
                string(policyUri, "policy_uri"),
                strings(contacts, "contacts", OAuthError.INVALID_CLIENT_METADATA),
                jwks == null || jwks.isNull() ? null : jwks,
                string(jwksUri, "jwks_uri"),
                string(softwareId, "software_id"),
                string(softwareVersion, "software_version"),
                bool(requirePkce, "require_pkce"),
                string(idTokenSignedResponseAlg, "id_token_signed_response_alg"),
                string(userinfoSignedResponseAlg, "userinfo_signed_response_alg"));
    }

    ClientUpdate toUpdate() {
        return new ClientUpdate(string(clientId, "client_id"), string(clientSecret, "client_secret"), toMetadata());
    }

    private static String string(JsonNode value, String member) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new OAuthException(OAuthError.INVALID_CLIENT_METADATA, member + " must be a string");
        }
        return value.asText();
    }

    private static Boolean bool(JsonNode value, String member) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new OAuthException(OAuthError.INVALID_CLIENT_METADATA, member + " must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode value, String member, OAuthError error) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new OAuthException(error, member + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new OAuthException(error, member + " must be an array of strings");
            }
            values.add(element.asText());
        }
        return values;
    }

    @Override
    public String toString() {
        return "ClientRegistrationRequest[client_name=" + clientName + ", client_secret="
                + (clientSecret == null ? "none" : "<redacted>") + "]";
    }
}
