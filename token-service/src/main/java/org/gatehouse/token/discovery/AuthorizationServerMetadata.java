package org.gatehouse.token.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.clientauth.ClientAuthenticationMethod;
import org.gatehouse.token.grant.GrantDispatcher;
import org.gatehouse.token.issue.IdTokenIssuer;
import org.gatehouse.token.issue.SigningKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization server metadata document (RFC 8414 §2, https://www.rfc-editor.org/rfc/rfc8414#section-2),
 * also served as OpenID Connect Discovery 1.0 §3. Built once at startup. It lists only what works: grant types
 * come from the registered grant handlers, authentication methods from the implemented ones (introspection
 * refuses {@code none}: a public client cannot be authorized to introspect); features not built are left out
 * rather than promised.
 */
@ApplicationScoped
public class AuthorizationServerMetadata {

    /**
     * Every claim an ID token (IdTokenIssuer) or resource-service's UserInfo answer (by scope) can carry, the
     * latter's compatibility names {@code username} and {@code full_name} included.
     */
    static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "jti", "auth_time", "nonce",
            "at_hash", "acr", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
            "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "username", "full_name",
            "email", "email_verified", "updated_at");

    private final String json;

    public AuthorizationServerMetadata(GatehouseConfig gatehouse, GrantDispatcher grants, SigningKeys signingKeys,
                                       ObjectMapper mapper) {
        String issuer = gatehouse.publicUrl();
        // The issuer is the configured URL exactly; endpoint URLs must not get a doubled slash from it.
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", base + "/oauth/authorize");
        metadata.put("token_endpoint", base + "/oauth/token");
        metadata.put("jwks_uri", base + "/oauth/jwks");
        metadata.put("registration_endpoint", base + "/oauth/register");
        metadata.put("userinfo_endpoint", base + "/oauth/userinfo");
        metadata.put("scopes_supported", scopes());
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("grant_types_supported", grants.supportedGrantTypes());
        List<String> authMethods = Arrays.stream(ClientAuthenticationMethod.values())
                .map(ClientAuthenticationMethod::value).toList();
        // One ClientAuthenticator serves all three endpoints, so they accept the same assertion algorithms.
        List<String> assertionAlgorithms = ClientAuthenticationMethod.allAssertionAlgorithms();
        metadata.put("token_endpoint_auth_methods_supported", authMethods);
        metadata.put("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        metadata.put("revocation_endpoint", base + "/oauth/revoke");
        metadata.put("revocation_endpoint_auth_methods_supported", authMethods);
        metadata.put("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        metadata.put("introspection_endpoint", base + "/oauth/introspect");
        metadata.put("introspection_endpoint_auth_methods_supported", authMethods.stream()
                .filter(method -> !method.equals(ClientAuthenticationMethod.NONE.value())).toList());
        metadata.put("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgorithms);
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        // authorization-service redirects with the response in the query only.
        metadata.put("response_modes_supported", List.of("query"));
        // What ID tokens are signed with: the default first, or what the client registered (id_token_signed_response_alg).
        metadata.put("id_token_signing_alg_values_supported", signingKeys.idTokenAlgorithms().stream()
                .map(Enum::name).toList());
        // Signed UserInfo (OIDC Core §5.3.2) uses the ID-token key rings; unsigned JSON stays the default.
        metadata.put("userinfo_signing_alg_values_supported", signingKeys.idTokenAlgorithms().stream()
                .map(Enum::name).toList());
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("claims_supported", CLAIMS);
        // OpenID Connect Core §5.5: authorization-service reads the claims request parameter; UserInfo answers the
        // standard claims it names (those named for the ID token too) under the consent of their scope.
        metadata.put("claims_parameter_supported", true);
        metadata.put("acr_values_supported", List.of(IdTokenIssuer.ACR));
        // authorization-service refuses request objects (request_not_supported, request_uri_not_supported); an absent
        // request_uri_parameter_supported would mean true (OpenID Connect Discovery §3).
        metadata.put("request_parameter_supported", false);
        metadata.put("request_uri_parameter_supported", false);
        // RFC 9207: authorization responses carry iss.
        metadata.put("authorization_response_iss_parameter_supported", true);
        try {
            this.json = mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the metadata document", e);
        }
    }

    /** Requestable scopes; the privileged {@code introspection} permission is not advertised (RFC 8414 allows). */
    private static List<String> scopes() {
        List<String> scopes = new ArrayList<>(Permissions.GRANULAR);
        scopes.addAll(Permissions.ALIASES);
        scopes.addAll(Permissions.COMPATIBILITY);
        return List.copyOf(scopes);
    }

    /** The document as serialised once, in a stable member order. */
    public String json() {
        return json;
    }
}
