package org.gatehouse.registration.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a client asks to be registered with (RFC 7591 §2), before validation. {@code scope} is the
 * space-separated RFC 6749 §3.3 string; {@code null} or empty collections mean "not given". {@code website} is
 * RFC 7591's {@code client_uri} (Mastodon calls it {@code website}). {@code tokenEndpointAuthMethods} holds the one
 * {@code token_endpoint_auth_method} of an RFC 7591 request (Mastodon apps get two).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 */
public record ClientMetadata(
        String clientName,
        String website,
        List<String> redirectUris,
        String scope,
        List<String> grantTypes,
        List<String> tokenEndpointAuthMethods,
        List<String> responseTypes,
        String logoUri,
        String tosUri,
        String policyUri,
        List<String> contacts,
        // jwks: a JWK Set object, exactly as sent (checked by JwkSetValidator)
        JsonNode jwks,
        String jwksUri,
        String softwareId,
        String softwareVersion,
        // require_pkce: every authorization request must carry PKCE (RFC 9700 §2.1.1); null means not given
        Boolean requirePkce,
        // id_token_signed_response_alg (OpenID Connect Dynamic Client Registration §2); null means not given
        String idTokenSignedResponseAlg,
        // userinfo_signed_response_alg (OpenID Connect Dynamic Client Registration §2); null means not given
        String userinfoSignedResponseAlg) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String CLIENT_SECRET_JWT = "client_secret_jwt";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final String NONE = "none";
    public static final String CODE = "code";
    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";

    /** ID token algorithms token-service has a key ring for; RS256 is the default (OIDC Core §15.1). */
    public static final List<String> ID_TOKEN_SIGNING_ALGORITHMS = List.of(RS256, ES256);

    /** Grant types a client registered with a secret can be given (token-service serves them all). */
    public static final List<String> SECRET_CLIENT_GRANT_TYPES =
            List.of(AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN);

    /** Ways such a client presents its secret at the token endpoint (RFC 6749 §2.3.1). */
    public static final List<String> SECRET_AUTH_METHODS = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST);

    /** Every {@code token_endpoint_auth_method} a dynamically registered client may choose (RFC 7591 §2). */
    public static final List<String> AUTH_METHODS =
            List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, CLIENT_SECRET_JWT, PRIVATE_KEY_JWT, NONE);

    /** Metadata of a Mastodon app: only what {@code POST /api/v1/apps} knows. */
    public ClientMetadata(String clientName, String website, List<String> redirectUris, String scope,
                          List<String> grantTypes, List<String> tokenEndpointAuthMethods) {
        this(clientName, website, redirectUris, scope, grantTypes, tokenEndpointAuthMethods, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** Whether a client authenticating this way is issued a {@code client_secret} (RFC 7591 §3.2.1). */
    public static boolean usesSecret(String tokenEndpointAuthMethod) {
        return CLIENT_SECRET_BASIC.equals(tokenEndpointAuthMethod) || CLIENT_SECRET_POST.equals(tokenEndpointAuthMethod)
                || CLIENT_SECRET_JWT.equals(tokenEndpointAuthMethod);
    }
}
