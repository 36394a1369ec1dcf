package org.gatehouse.authorization.code;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the redirect back to the client: {@code code} or {@code error} with {@code state} (RFC 6749 §4.1.2,
 * §4.1.2.1) and the issuer {@code iss} (RFC 9207 §2), appended to whatever query the registered redirect URI
 * already has (RFC 6749 §3.1.2: "MUST retain" it), form-encoded per RFC 6749 Appendix B.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2">RFC 9207 §2</a>
 */
public final class AuthorizationResponse {

    private AuthorizationResponse() {
    }

    public static String success(String redirectUri, String code, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        parameters.put("state", state);
        parameters.put("iss", issuer);
        return append(redirectUri, parameters);
    }

    public static String error(String redirectUri, String error, String description, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        parameters.put("state", state);
        parameters.put("iss", issuer);
        return append(redirectUri, parameters);
    }

    /** {@code redirectUri} with the parameters (null values skipped) added to its query. */
    public static String append(String redirectUri, Map<String, String> parameters) {
        // Registered URIs carry no fragment (RFC 6749 §3.1.2), but never put parameters after one if it did.
        int hash = redirectUri.indexOf('#');
        String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
        StringBuilder uri = new StringBuilder(base);
        char separator = base.indexOf('?') < 0 ? '?' : (base.endsWith("?") || base.endsWith("&") ? 0 : '&');
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() == null) {
                continue;
            }
            if (separator != 0) {
                uri.append(separator);
            }
            uri.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
