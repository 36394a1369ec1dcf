package org.gatehouse.common.error;

import java.util.Map;

/**
 * The one exception every layer throws for a client-visible error. The description is shown to the
 * client, so it must never contain a secret or an internal detail.
 */
public class OAuthException extends RuntimeException {

    private final OAuthError error;
    private final int status;
    private final Map<String, String> headers;

    public OAuthException(OAuthError error, String clientSafeDescription) {
        this(error, error.status(), clientSafeDescription, Map.of());
    }

    public OAuthException(OAuthError error, int status, String clientSafeDescription) {
        this(error, status, clientSafeDescription, Map.of());
    }

    public OAuthException(OAuthError error, int status, String clientSafeDescription, Map<String, String> headers) {
        super(clientSafeDescription, null, false, false);
        this.error = error;
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT, description);
    }

    public static OAuthException invalidToken(String description) {
        return new OAuthException(OAuthError.INVALID_TOKEN, description);
    }

    public OAuthError error() {
        return error;
    }

    public int status() {
        return status;
    }

    /** Extra response headers such as {@code WWW-Authenticate} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public String description() {
        return getMessage();
    }
}
