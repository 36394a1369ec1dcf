package org.gatehouse.token.grant;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An access token request (RFC 6749 §4.1.3, §4.4.2, §6; https://www.rfc-editor.org/rfc/rfc6749#section-4.4.2)
 * as parameters, whatever the body encoding was. Parameters sent without a value are absent (§3.1).
 */
public record TokenRequest(Map<String, String> parameters) {

    public static final String GRANT_TYPE = "grant_type";
    public static final String SCOPE = "scope";
    public static final String CODE = "code";
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String CODE_VERIFIER = "code_verifier";
    public static final String REFRESH_TOKEN = "refresh_token";

    public TokenRequest {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** grant_type (REQUIRED, except where {@link #withGrantTypeInferredFromCode()} applies) */
    public Optional<String> grantType() {
        return parameter(GRANT_TYPE);
    }

    /** scope (OPTIONAL; §3.3 space-delimited) */
    public Optional<String> scope() {
        return parameter(SCOPE);
    }

    /**
     * The {@code /api/token} aliases serve clients of APIs where {@code grant_type} may be omitted when a
     * {@code code} is present (ARCHITECTURE.md flow 1); such a request means the authorization_code grant.
     */
    public TokenRequest withGrantTypeInferredFromCode() {
        if (parameters.containsKey(GRANT_TYPE) || !parameters.containsKey(CODE)) {
            return this;
        }
        Map<String, String> completed = new HashMap<>(parameters);
        completed.put(GRANT_TYPE, GrantTypes.AUTHORIZATION_CODE);
        return new TokenRequest(completed);
    }

    /**
     * On the {@code /api/token} aliases {@code redirect_uri} may also be omitted when the client has exactly one
     * registered redirect URI (ARCHITECTURE.md flow 1): the request then means that one, which the grant still
     * compares with the code's.
     */
    public TokenRequest withRedirectUriDefaultedTo(java.util.List<String> registeredRedirectUris) {
        if (parameters.containsKey(REDIRECT_URI) || registeredRedirectUris.size() != 1) {
            return this;
        }
        Map<String, String> completed = new HashMap<>(parameters);
        completed.put(REDIRECT_URI, registeredRedirectUris.get(0));
        return new TokenRequest(completed);
    }

    @Override
    public String toString() {
        // Parameters carry secrets (client_secret, code, refresh_token): only names are safe to log.
        return "TokenRequest" + parameters.keySet();
    }
}
