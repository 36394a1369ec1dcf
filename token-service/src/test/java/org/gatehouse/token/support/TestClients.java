package org.gatehouse.token.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Registered clients as registration-service's {@code GET /internal/clients/{id}} returns them, for the
 * {@link RegistrationDouble}. Secrets are hashed here independently of main code, per the contract.
 */
public final class TestClients {

    public static final String BASIC_ID = "basic-client";
    public static final String BASIC_SECRET = "basic-client-secret-0123456789abcdefghijklm";
    public static final String POST_ID = "post-client";
    public static final String POST_SECRET = "post-client-secret-0123456789abcdefghijklmn";
    public static final String MASTODON_ID = "mastodon-app";
    public static final String MASTODON_SECRET = "mastodon-app-secret-0123456789abcdefghijklm";
    /** Needs form-URL-encoding inside Basic (RFC 6749 §2.3.1). */
    public static final String SPECIAL_ID = "svc:a%b+c";
    public static final String SPECIAL_SECRET = "s:e%c+r t/é=";
    public static final String CODE_ONLY_ID = "code-only-client";
    public static final String CODE_ONLY_SECRET = "code-only-secret-0123456789abcdefghijklmnop";
    public static final String ROTATED_ID = "rotated-client";
    public static final String ROTATED_OLD_SECRET = "rotated-old-secret-0123456789abcdefghijklmn";
    public static final String ROTATED_NEW_SECRET = "rotated-new-secret-0123456789abcdefghijklmn";
    /** A public client: auth method none, no secret; must use PKCE. */
    public static final String PUBLIC_ID = "public-app";
    /** A resource server: registered with the introspection permission. */
    public static final String INTROSPECTOR_ID = "resource-server";
    public static final String INTROSPECTOR_SECRET = "resource-server-secret-0123456789abcdefghij";
    /** A code client not registered for refresh_token: gets no refresh token. */
    public static final String NO_REFRESH_ID = "no-refresh-app";
    public static final String NO_REFRESH_SECRET = "no-refresh-secret-0123456789abcdefghijklmn";
    /** client_secret_jwt: assertions are MACed with the secret, which registration hands over as jwt_secret. */
    public static final String JWT_SECRET_ID = "jwt-secret-client";
    public static final String JWT_SECRET = "jwt-secret-client-secret-0123456789abcdefgh";
    public static final String OTHER_JWT_SECRET_ID = "other-jwt-secret-client";
    public static final String OTHER_JWT_SECRET = "other-jwt-secret-client-secret-0123456789ab";
    /** The double answers 500 for this id. */
    /** Registered id_token_signed_response_alg ES256 (OpenID Connect Dynamic Client Registration §2). */
    public static final String ES256_ID_TOKENS_ID = "es256-id-tokens";
    public static final String ES256_ID_TOKENS_SECRET = "es256-id-tokens-secret-0123456789abcdefghij";
    public static final String FAILING_ID = "failing-client";
    /** The double answers after longer than the rest client's read timeout for this id. */
    public static final String SLOW_ID = "slow-client";

    private final String clientId;
    private final List<String> secrets = new ArrayList<>();
    private List<String> scopes = List.of("read");
    private List<String> grantTypes = List.of("client_credentials");
    private List<String> methods = List.of("client_secret_basic", "client_secret_post");
    private String jwks;
    private String jwksUri;
    private String jwtSecret;
    private String idTokenSignedResponseAlg;

    private TestClients(String clientId) {
        this.clientId = clientId;
    }

    public static TestClients client(String clientId) {
        return new TestClients(clientId);
    }

    /** The fixtures the double serves from the start. */
    public static List<TestClients> fixtures() {
        return List.of(
                client(BASIC_ID).secret(BASIC_SECRET).methods("client_secret_basic").scopes("read", "write:nodes"),
                client(POST_ID).secret(POST_SECRET).methods("client_secret_post").scopes("read"),
                client(MASTODON_ID).secret(MASTODON_SECRET).scopes("read", "write", "follow", "push")
                        .grantTypes("authorization_code", "client_credentials", "refresh_token"),
                client(SPECIAL_ID).secret(SPECIAL_SECRET).scopes("read:accounts"),
                client(CODE_ONLY_ID).secret(CODE_ONLY_SECRET).grantTypes("authorization_code", "refresh_token"),
                client(ROTATED_ID).secret(ROTATED_OLD_SECRET).secret(ROTATED_NEW_SECRET),
                client(PUBLIC_ID).methods("none").scopes("openid", "profile", "read")
                        .grantTypes("authorization_code", "refresh_token"),
                client(INTROSPECTOR_ID).secret(INTROSPECTOR_SECRET).scopes("introspection"),
                client(NO_REFRESH_ID).secret(NO_REFRESH_SECRET).grantTypes("authorization_code"),
                client(JWT_SECRET_ID).secret(JWT_SECRET).jwtSecret(JWT_SECRET).methods("client_secret_jwt")
                        .scopes("read", "introspection"),
                client(OTHER_JWT_SECRET_ID).secret(OTHER_JWT_SECRET).jwtSecret(OTHER_JWT_SECRET)
                        .methods("client_secret_jwt"),
                client(ES256_ID_TOKENS_ID).secret(ES256_ID_TOKENS_SECRET).scopes("openid", "read")
                        .grantTypes("authorization_code").idTokenSignedResponseAlg("ES256"));
    }

    public TestClients secret(String secret) {
        secrets.add(secret);
        return this;
    }

    public TestClients scopes(String... scopes) {
        this.scopes = List.of(scopes);
        return this;
    }

    public TestClients grantTypes(String... grantTypes) {
        this.grantTypes = List.of(grantTypes);
        return this;
    }

    public TestClients methods(String... methods) {
        this.methods = List.of(methods);
        return this;
    }

    /** The client secret itself, as registration returns it for client_secret_jwt clients. */
    public TestClients jwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
        return this;
    }

    /** A registered JWK Set object, as JSON ({@code {"keys":[...]}}). */
    public TestClients jwks(String jwkSetJson) {
        this.jwks = jwkSetJson;
        return this;
    }

    public TestClients idTokenSignedResponseAlg(String algorithm) {
        this.idTokenSignedResponseAlg = algorithm;
        return this;
    }

    public TestClients jwksUri(String jwksUri) {
        this.jwksUri = jwksUri;
        return this;
    }

    public String clientId() {
        return clientId;
    }

    /** The internal API's JSON for this client. */
    public String json() {
        return "{\"client_id\":" + quote(clientId)
                + ",\"client_name\":" + quote("Test " + clientId)
                + ",\"website\":null"
                + ",\"scopes\":" + array(scopes)
                + ",\"redirect_uris\":[\"https://app.example/callback\"]"
                + ",\"grant_types\":" + array(grantTypes)
                + ",\"token_endpoint_auth_methods\":" + array(methods)
                + ",\"secret_hashes\":" + array(secrets.stream().map(TestClients::hash).toList())
                + (jwks == null ? "" : ",\"jwks\":" + jwks)
                + (jwksUri == null ? "" : ",\"jwks_uri\":" + quote(jwksUri))
                + (jwtSecret == null ? "" : ",\"jwt_secret\":" + quote(jwtSecret))
                + (idTokenSignedResponseAlg == null ? ""
                : ",\"id_token_signed_response_alg\":" + quote(idTokenSignedResponseAlg))
                + "}";
    }

    /** SHA-256 of the UTF-8 secret, base64url without padding (the contract's "Client secrets"). */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String array(List<String> values) {
        return values.stream().map(TestClients::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
