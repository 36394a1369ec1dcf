package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * authorization-service's own copy of what it reads from registration-service's
 * {@code GET /internal/clients/{client_id}}; fields it does not need are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredClient(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("website") String website,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_endpoint_auth_methods") List<String> tokenEndpointAuthMethods,
        @JsonProperty("secret_hashes") List<String> secretHashes,
        @JsonProperty("require_pkce") boolean requirePkce) {

    private static final List<String> ASSERTION_METHODS = List.of("private_key_jwt", "client_secret_jwt");

    public RegisteredClient {
        scopes = copy(scopes);
        redirectUris = copy(redirectUris);
        grantTypes = copy(grantTypes);
        tokenEndpointAuthMethods = copy(tokenEndpointAuthMethods);
        secretHashes = copy(secretHashes);
    }

    /** The name shown to users; the id when the client registered none. */
    public String displayName() {
        return clientName == null || clientName.isBlank() ? clientId : clientName;
    }

    /**
     * A public client (RFC 6749 §2.1) cannot keep a credential: it registered auth method {@code none}, or it has
     * neither a secret nor a key to sign an assertion with.
     */
    public boolean isPublic() {
        if (tokenEndpointAuthMethods.contains("none")) {
            return true;
        }
        return secretHashes.isEmpty() && tokenEndpointAuthMethods.stream().noneMatch(ASSERTION_METHODS::contains);
    }

    /**
     * Whether the client registered the {@code authorization_code} grant. registration-service stores the RFC 7591
     * §2 default, so an empty list is not "the default" here: it is a third-party ({@code tp_}) app, which is
     * authorized at {@code /api/v1/authorize} and never redeems a code.
     */
    public boolean mayUseAuthorizationCode() {
        return grantTypes.contains("authorization_code");
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
