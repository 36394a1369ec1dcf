package org.gatehouse.registration.client;

import java.util.List;

/**
 * What a client asks to be registered with (RFC 7591 §2), before validation. {@code scope} is the
 * space-separated RFC 6749 §3.3 string; {@code null} or empty collections mean "not given".
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 */
public record ClientMetadata(
        String clientName,
        String website,
        List<String> redirectUris,
        String scope,
        List<String> grantTypes,
        List<String> tokenEndpointAuthMethods) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";

    /** Grant types a client registered with a secret can be given (token-service serves them all). */
    public static final List<String> SECRET_CLIENT_GRANT_TYPES =
            List.of(AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN);

    /** Ways such a client presents its secret at the token endpoint (RFC 6749 §2.3.1). */
    public static final List<String> SECRET_AUTH_METHODS = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST);
}
