package org.gatehouse.token.clientauth;

/**
 * Client authentication methods of the token endpoint, named as in RFC 7591 §2
 * (https://www.rfc-editor.org/rfc/rfc7591#section-2) {@code token_endpoint_auth_method}. Only what is
 * implemented is listed, so discovery can advertise exactly these.
 */
public enum ClientAuthenticationMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    /** A public client (RFC 6749 §2.1) identifies itself with {@code client_id} only; PKCE stands in for a secret. */
    NONE("none");

    private final String value;

    ClientAuthenticationMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
