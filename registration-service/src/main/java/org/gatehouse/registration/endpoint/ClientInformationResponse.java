package org.gatehouse.registration.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.registration.client.DynamicClientInformation;
import org.gatehouse.registration.client.RegisteredClient;

import java.util.List;

/**
 * The client information response (RFC 7591 §3.2.1, RFC 7592 §3): every registered metadata value, with defaults
 * applied, plus the client's identifiers and management URL. {@code client_secret} and
 * {@code registration_access_token} appear only in the answer that issued them; {@code client_secret_expires_at} (0:
 * never) for every client that has a secret. Absent optional values are left out. {@link #toString()} never
 * reveals credentials.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"client_id", "client_secret", "client_id_issued_at", "client_secret_expires_at",
        "registration_access_token", "registration_client_uri", "client_name", "client_uri", "logo_uri", "tos_uri",
        "policy_uri", "contacts", "redirect_uris", "token_endpoint_auth_method", "grant_types", "response_types",
        "scope", "jwks", "jwks_uri", "software_id", "software_version", "require_pkce",
        "id_token_signed_response_alg", "userinfo_signed_response_alg"})
public record ClientInformationResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_id_issued_at") long clientIdIssuedAt,
        @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt,
        @JsonProperty("registration_access_token") String registrationAccessToken,
        @JsonProperty("registration_client_uri") String registrationClientUri,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("logo_uri") String logoUri,
        @JsonProperty("tos_uri") String tosUri,
        @JsonProperty("policy_uri") String policyUri,
        List<String> contacts,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        String scope,
        // Stored as the compact JSON text the registration validated: written out as the object it is.
        @JsonRawValue String jwks,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("software_id") String softwareId,
        @JsonProperty("software_version") String softwareVersion,
        @JsonProperty("require_pkce") boolean requirePkce,
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        // Omitted when not registered: UserInfo then answers plain JSON.
        @JsonProperty("userinfo_signed_response_alg") @JsonInclude(JsonInclude.Include.NON_NULL)
        String userinfoSignedResponseAlg) {

    static ClientInformationResponse of(DynamicClientInformation information) {
        RegisteredClient client = information.client();
        return new ClientInformationResponse(client.clientId(), information.clientSecret(),
                client.createdAt().getEpochSecond(), client.usesSecret() ? 0L : null,
                information.registrationAccessToken(), information.registrationClientUri(),
                client.clientName(), client.website(), client.logoUri(), client.tosUri(), client.policyUri(),
                nullIfEmpty(client.contacts()), nullIfEmpty(client.redirectUris()), client.tokenEndpointAuthMethod(),
                client.grantTypes(), client.responseTypes(), Permissions.format(client.scopes()), client.jwks(),
                client.jwksUri(), client.softwareId(), client.softwareVersion(), client.requirePkce(),
                client.idTokenSignedResponseAlg(), client.userinfoSignedResponseAlg());
    }

    private static List<String> nullIfEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }

    @Override
    public String toString() {
        return "ClientInformationResponse[client_id=" + clientId + ", client_secret="
                + (clientSecret == null ? "none" : "<redacted>") + ", registration_access_token="
                + (registrationAccessToken == null ? "none" : "<redacted>") + "]";
    }
}
