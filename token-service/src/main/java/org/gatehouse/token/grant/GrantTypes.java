package org.gatehouse.token.grant;

/** Registered {@code grant_type} values (RFC 6749 §4; https://www.rfc-editor.org/rfc/rfc6749#section-4). */
public final class GrantTypes {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";

    private GrantTypes() {
    }
}
