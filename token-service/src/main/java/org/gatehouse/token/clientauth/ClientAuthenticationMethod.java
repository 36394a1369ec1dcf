package org.gatehouse.token.clientauth;

import java.util.List;

/**
 * Client authentication methods of the token endpoint, named as in RFC 7591 §2
 * (https://www.rfc-editor.org/rfc/rfc7591#section-2) {@code token_endpoint_auth_method}. Only what is
 * implemented is listed, so discovery can advertise exactly these, in this order.
 */
public enum ClientAuthenticationMethod {
    CLIENT_SECRET_BASIC("client_secret_basic", List.of()),
    CLIENT_SECRET_POST("client_secret_post", List.of()),
    /**
     * RFC 7523 §2.2 assertion MACed with the client secret (OIDC Core §9). HMAC only: an asymmetric algorithm here
     * would let a client pick the verification rules.
     */
    CLIENT_SECRET_JWT("client_secret_jwt", List.of("HS256", "HS384", "HS512")),
    /**
     * RFC 7523 §2.2 assertion signed with a private key whose public half the client registered ({@code jwks} or
     * {@code jwks_uri}). Asymmetric only, so a public key can never be used as an HMAC secret.
     */
    PRIVATE_KEY_JWT("private_key_jwt", List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA")),
    /** A public client (RFC 6749 §2.1) identifies itself with {@code client_id} only; PKCE stands in for a secret. */
    NONE("none", List.of());

    private final String value;
    private final List<String> assertionAlgorithms;

    ClientAuthenticationMethod(String value, List<String> assertionAlgorithms) {
        this.value = value;
        this.assertionAlgorithms = assertionAlgorithms;
    }

    public String value() {
        return value;
    }

    /** JWS algorithms accepted for this method's client assertions; empty for methods without an assertion. */
    public List<String> assertionAlgorithms() {
        return assertionAlgorithms;
    }

    /** Every JWS algorithm accepted in a client assertion, for discovery (RFC 8414 §2). */
    public static List<String> allAssertionAlgorithms() {
        return java.util.Arrays.stream(values()).flatMap(method -> method.assertionAlgorithms.stream()).toList();
    }

    /** The assertion method an algorithm belongs to, or null when no method accepts it ({@code none} included). */
    static ClientAuthenticationMethod forAssertionAlgorithm(String algorithm) {
        for (ClientAuthenticationMethod method : values()) {
            if (method.assertionAlgorithms.contains(algorithm)) {
                return method;
            }
        }
        return null;
    }
}
