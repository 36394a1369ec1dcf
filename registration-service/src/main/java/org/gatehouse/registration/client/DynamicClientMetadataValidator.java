package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of RFC 7591 §2 for a dynamically registered client, each field and across fields; used alike for a
 * registration (RFC 7591 §3.1) and for an update, which replaces all metadata (RFC 7592 §2.2).
 * <ul>
 *   <li>{@code token_endpoint_auth_method}: one of {@link ClientMetadata#AUTH_METHODS}, default
 *       {@code client_secret_basic};</li>
 *   <li>{@code grant_types}: a subset of authorization_code, client_credentials, refresh_token, default
 *       {@code [authorization_code]}; {@code refresh_token} only with {@code authorization_code}, the one grant
 *       that issues refresh tokens here;</li>
 *   <li>{@code response_types}: {@code code} exactly when {@code authorization_code} is a grant type (§2.1),
 *       defaulting accordingly;</li>
 *   <li>{@code none} (a public client) only with {@code authorization_code}, whose PKCE takes the place of client
 *       authentication, and never with {@code client_credentials}, which would hand tokens to anyone;</li>
 *   <li>{@code private_key_jwt} needs keys: {@code jwks} or {@code jwks_uri}, never both (§2);</li>
 *   <li>{@code redirect_uris} required with {@code authorization_code};</li>
 *   <li>{@code id_token_signed_response_alg} (OpenID Connect Dynamic Client Registration §2): RS256 (default) or
 *       ES256; {@code userinfo_signed_response_alg}: RS256 or ES256, absent for plain JSON;</li>
 *   <li>{@code scope} from the permission catalogue, default {@code openid profile email read} for a client of
 *       the authorization code grant ({@code read} otherwise), without {@code introspection} (reported as
 *       {@code invalid_client_metadata}, the only metadata error code RFC 7591 §3.2.2 defines besides
 *       {@code invalid_redirect_uri}).</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2.1">RFC 7591 §2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 */
@ApplicationScoped
public class DynamicClientMetadataValidator {

    static final List<String> DEFAULT_GRANT_TYPES = List.of(ClientMetadata.AUTHORIZATION_CODE);

    private final ClientMetadataValidator metadataValidator;
    private final RedirectUriValidator redirectUriValidator;
    private final ScopeValidator scopeValidator;
    private final JwkSetValidator jwkSetValidator;

    public DynamicClientMetadataValidator(ClientMetadataValidator metadataValidator,
                                          RedirectUriValidator redirectUriValidator, ScopeValidator scopeValidator,
                                          JwkSetValidator jwkSetValidator) {
        this.metadataValidator = metadataValidator;
        this.redirectUriValidator = redirectUriValidator;
        this.scopeValidator = scopeValidator;
        this.jwkSetValidator = jwkSetValidator;
    }

    /**
     * @throws OAuthException 400 {@code invalid_redirect_uri} or {@code invalid_client_metadata}
     */
    public ValidClientMetadata validate(ClientMetadata metadata) {
        // client_name (OPTIONAL): when absent the registrar shows the client_id instead.
        String clientName = metadata.clientName() == null || metadata.clientName().isBlank() ? null
                : metadataValidator.clientName(metadata.clientName());
        String authMethod = tokenEndpointAuthMethod(metadata.tokenEndpointAuthMethods());
        List<String> grantTypes = grantTypes(metadata.grantTypes());
        List<String> responseTypes = responseTypes(metadata.responseTypes(), grantTypes);

        if (ClientMetadata.NONE.equals(authMethod)) {
            if (grantTypes.contains(ClientMetadata.CLIENT_CREDENTIALS)) {
                throw invalid("A client with token_endpoint_auth_method none cannot use the client_credentials grant");
            }
            if (!grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE)) {
                throw invalid("A client with token_endpoint_auth_method none must use the authorization_code grant"
                        + " (with PKCE)");
            }
        }

        String jwks = jwkSetValidator.jwks(metadata.jwks());
        String jwksUri = jwkSetValidator.jwksUri(metadata.jwksUri());
        if (jwks != null && jwksUri != null) {
            throw invalid("jwks and jwks_uri must not both be present");
        }
        if (ClientMetadata.PRIVATE_KEY_JWT.equals(authMethod) && jwks == null && jwksUri == null) {
            throw invalid("token_endpoint_auth_method private_key_jwt requires jwks or jwks_uri");
        }

        List<String> redirectUris = redirectUriValidator.validateFor(metadata.redirectUris(), grantTypes);

        List<String> scopes;
        try {
            scopes = scopeValidator.validate(metadata.scope(), grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE)
                    ? ScopeValidator.SIGN_IN_DEFAULT_SCOPES : ScopeValidator.DEFAULT_SCOPES);
        } catch (OAuthException e) {
            throw invalid(e.description());
        }

        return new ValidClientMetadata(clientName,
                metadataValidator.httpUrl("client_uri", metadata.website()),
                redirectUris, scopes, grantTypes, responseTypes, authMethod,
                metadataValidator.httpUrl("logo_uri", metadata.logoUri()),
                metadataValidator.httpUrl("tos_uri", metadata.tosUri()),
                metadataValidator.httpUrl("policy_uri", metadata.policyUri()),
                metadataValidator.contacts(metadata.contacts()),
                jwks, jwksUri,
                metadataValidator.text("software_id", metadata.softwareId()),
                metadataValidator.text("software_version", metadata.softwareVersion()),
                // A public client must use PKCE whatever it registered: say so.
                ClientMetadata.NONE.equals(authMethod) || Boolean.TRUE.equals(metadata.requirePkce()),
                idTokenSignedResponseAlg(metadata.idTokenSignedResponseAlg()),
                userinfoSignedResponseAlg(metadata.userinfoSignedResponseAlg()));
    }

    /** RS256 unless ES256 is asked for; {@code none} (unsigned ID tokens) and every other value are refused. */
    private static String idTokenSignedResponseAlg(String requested) {
        if (requested == null) {
            return ClientMetadata.RS256;
        }
        if (!ClientMetadata.ID_TOKEN_SIGNING_ALGORITHMS.contains(requested)) {
            throw invalid("Unsupported id_token_signed_response_alg; supported: "
                    + String.join(", ", ClientMetadata.ID_TOKEN_SIGNING_ALGORITHMS));
        }
        return requested;
    }

    /** Absent for plain JSON; RS256 or ES256 for a signed answer; {@code none} and every other value refused. */
    private static String userinfoSignedResponseAlg(String requested) {
        if (requested != null && !ClientMetadata.ID_TOKEN_SIGNING_ALGORITHMS.contains(requested)) {
            throw invalid("Unsupported userinfo_signed_response_alg; supported: "
                    + String.join(", ", ClientMetadata.ID_TOKEN_SIGNING_ALGORITHMS));
        }
        return requested;
    }

    private static String tokenEndpointAuthMethod(List<String> methods) {
        if (methods == null || methods.isEmpty()) {
            return ClientMetadata.CLIENT_SECRET_BASIC;
        }
        if (methods.size() != 1 || !ClientMetadata.AUTH_METHODS.contains(methods.get(0))) {
            throw invalid("Unsupported token_endpoint_auth_method; supported: "
                    + String.join(", ", ClientMetadata.AUTH_METHODS));
        }
        return methods.get(0);
    }

    private static List<String> grantTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_GRANT_TYPES;
        }
        Set<String> grantTypes = new LinkedHashSet<>();
        for (String grantType : requested) {
            if (!ClientMetadata.SECRET_CLIENT_GRANT_TYPES.contains(grantType)) {
                throw invalid("Unsupported grant type; supported: "
                        + String.join(", ", ClientMetadata.SECRET_CLIENT_GRANT_TYPES));
            }
            grantTypes.add(grantType);
        }
        if (grantTypes.contains(ClientMetadata.REFRESH_TOKEN) && !grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE)) {
            throw invalid("The refresh_token grant type requires authorization_code, the only grant that issues"
                    + " refresh tokens");
        }
        return List.copyOf(grantTypes);
    }

    /** RFC 7591 §2.1: {@code code} goes with {@code authorization_code}, and nothing else is served here. */
    private static List<String> responseTypes(List<String> requested, List<String> grantTypes) {
        boolean codeGrant = grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE);
        if (requested == null || requested.isEmpty()) {
            return codeGrant ? List.of(ClientMetadata.CODE) : List.of();
        }
        Set<String> responseTypes = new LinkedHashSet<>(requested);
        if (!responseTypes.equals(Set.of(ClientMetadata.CODE))) {
            throw invalid("Unsupported response_types; the only supported response type is code");
        }
        if (!codeGrant) {
            throw invalid("response_types code requires the authorization_code grant type (RFC 7591 §2.1)");
        }
        return List.of(ClientMetadata.CODE);
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }

    /** Metadata that passed every rule, with defaults applied; what gets stored. */
    public record ValidClientMetadata(
            String clientName,
            String clientUri,
            List<String> redirectUris,
            List<String> scopes,
            List<String> grantTypes,
            List<String> responseTypes,
            String tokenEndpointAuthMethod,
            String logoUri,
            String tosUri,
            String policyUri,
            List<String> contacts,
            String jwks,
            String jwksUri,
            String softwareId,
            String softwareVersion,
            boolean requirePkce,
            String idTokenSignedResponseAlg,
            String userinfoSignedResponseAlg) {
    }
}
