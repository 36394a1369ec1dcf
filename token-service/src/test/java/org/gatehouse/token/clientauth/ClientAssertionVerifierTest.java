package org.gatehouse.token.clientauth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestAssertions;
import org.gatehouse.token.support.TestClients;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.TestAssertions.forClient;
import static org.gatehouse.token.support.TestAssertions.withAssertion;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 7523 client authentication end to end, for every assertion method: {@code client_secret_jwt} (HS*, the secret
 * from registration's {@code jwt_secret}) and {@code private_key_jwt} with keys registered inline ({@code jwks}: EC,
 * RSA, Ed25519 generated here) or published at a {@code jwks_uri} (served by the registration double). Every refusal
 * is 401 {@code invalid_client} with {@code WWW-Authenticate} and no token; two methods at once are 400
 * {@code invalid_request}.
 */
@QuarkusTest
class ClientAssertionVerifierTest {

    static final String INLINE_ID = "private-key-jwt-inline";
    static final String URI_ID = "private-key-jwt-uri";
    static final String JWKS_NAME = "private-key-jwt-uri";
    static final String INTROSPECTION_ENDPOINT = AccessTokens.ISSUER + "/oauth/introspect";
    static final String REVOCATION_ENDPOINT = AccessTokens.ISSUER + "/oauth/revoke";
    static final String LONG_SECRET_ID = "jwt-secret-64-bytes";
    /** 64 bytes: long enough for HS512. */
    static final String LONG_SECRET = "jwt-secret-64-bytes-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG";
    static final PublicJsonWebKey EC = generate("ec-1", () -> EcJwkGenerator.generateJwk(EllipticCurves.P256));
    static final PublicJsonWebKey RSA = generate("rsa-1", () -> RsaJwkGenerator.generateJwk(2048));
    static final PublicJsonWebKey ED = generate("ed-1", () -> OkpJwkGenerator.generateJwk(EdDsaKeyUtil.ED25519));
    static final PublicJsonWebKey URI_EC = generate("uri-ec-1", () -> EcJwkGenerator.generateJwk(EllipticCurves.P256));
    /** Not registered anywhere; used with a registered key's kid to forge. */
    static final PublicJsonWebKey STRANGER = generate("ec-1", () -> EcJwkGenerator.generateJwk(EllipticCurves.P256));

    @ConfigProperty(name = RegistrationDouble.URL_PROPERTY)
    String registrationUrl;

    /** One valid way to authenticate per registered assertion method, for the checks every method shares. */
    enum Method {
        CLIENT_SECRET_JWT(TestClients.JWT_SECRET_ID, assertion -> assertion.mac("HS256", TestClients.JWT_SECRET)),
        PRIVATE_KEY_JWT_INLINE(INLINE_ID, assertion -> assertion.sign("ES256", EC)),
        PRIVATE_KEY_JWT_URI(URI_ID, assertion -> assertion.sign("ES256", URI_EC));

        final String clientId;
        final Function<TestAssertions, String> signer;

        Method(String clientId, Function<TestAssertions, String> signer) {
            this.clientId = clientId;
            this.signer = signer;
        }

        TestAssertions assertion() {
            return forClient(clientId);
        }

        String sign(TestAssertions assertion) {
            return signer.apply(assertion);
        }

        String valid() {
            return sign(assertion());
        }
    }

    @BeforeEach
    void registerClients() {
        put(TestClients.client(INLINE_ID).methods("private_key_jwt").scopes("read")
                .jwks(jwks(EC, RSA, ED)));
        given().contentType(ContentType.JSON).body(jwks(URI_EC))
                .put(registrationUrl + "/_fixture/jwks/" + JWKS_NAME).then().statusCode(204);
        put(TestClients.client(URI_ID).methods("private_key_jwt").scopes("read")
                .jwksUri(registrationUrl + RegistrationDouble.JWKS + JWKS_NAME));
    }

    // ---- every method: the positive case and the shared checks

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenValidAssertionThenAccessTokenForTheClient(Method method) throws Exception {
        String accessToken = clientCredentials(method.valid())
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .extract().path("access_token");

        JwtClaims claims = AccessTokens.verify(accessToken).getJwtClaims();
        assertEquals(method.clientId, claims.getSubject());
        assertEquals(method.clientId, claims.getClaimValueAsString("client_id"));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenMatchingClientIdParameterThenAccessToken(Method method) {
        clientCredentials(method.valid(), method.clientId).then().statusCode(200);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenIssuerOrTokenEndpointAliasAsAudienceThenAccessToken(Method method) {
        clientCredentials(method.sign(method.assertion().audience(AccessTokens.ISSUER))).then().statusCode(200);
        clientCredentials(method.sign(method.assertion().audience("https://elsewhere.example",
                AccessTokens.ISSUER + "/api/token"))).then().statusCode(200);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenAssertionExpiredThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().expiresIn(Duration.ofMinutes(-2)))));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenExpMoreThanFiveMinutesAheadThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().expiresIn(Duration.ofMinutes(10)))));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenExpMissingThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().withoutExpiry())));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenWrongAudienceThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion()
                .audience("https://other-server.example/oauth/token"))));
        assertInvalidClient(clientCredentials(method.sign(method.assertion()
                .audience("http://localhost:8080/oauth/token/"))));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenJtiReplayedThenSecondUseInvalidClient(Method method) {
        String assertion = method.valid();

        clientCredentials(assertion).then().statusCode(200);
        assertInvalidClient(clientCredentials(assertion));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenJtiMissingThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().jti(null))));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenAlgNoneThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.assertion().unsigned()));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenIssuerIsNotSubjectThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().subject("someone-else"))));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenClientIdParameterNamesAnotherClientThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.valid(), TestClients.BASIC_ID));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenAssertionTypeUnknownThenInvalidClient(Method method) {
        assertInvalidClient(given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer")
                .formParam("client_assertion", method.valid())
                .post("/oauth/token"));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenBasicAndAssertionThenInvalidRequest(Method method) {
        withAssertion(method.valid())
                .header("Authorization", OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("access_token", nullValue());
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenPostSecretAndAssertionThenInvalidRequest(Method method) {
        withAssertion(method.valid())
                .formParam("client_id", method.clientId)
                .formParam("client_secret", TestClients.JWT_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("access_token", nullValue());
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenOnlyClientIdSentThenInvalidClient(Method method) {
        assertInvalidClient(given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", method.clientId)
                .post("/oauth/token"));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void revokeAndIntrospectWhenAssertionAddressedToThemThenClientAuthenticated(Method method) {
        String accessToken = clientCredentials(method.valid()).then().statusCode(200).extract().path("access_token");

        withAssertion(method.sign(method.assertion().audience(INTROSPECTION_ENDPOINT))).formParam("token", accessToken)
                .post("/oauth/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("client_id", equalTo(method.clientId));
        withAssertion(method.sign(method.assertion().audience(REVOCATION_ENDPOINT))).formParam("token", accessToken)
                .post("/oauth/revoke")
                .then()
                .statusCode(200);
        withAssertion(method.sign(method.assertion().audience(AccessTokens.ISSUER))).formParam("token", accessToken)
                .post("/oauth/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void revokeWhenAssertionReplayedThenInvalidClient(Method method) {
        String assertion = method.sign(method.assertion().audience(REVOCATION_ENDPOINT));
        withAssertion(assertion).formParam("token", "unknown-token").post("/oauth/revoke").then().statusCode(200);

        Response replay = withAssertion(assertion).formParam("token", "unknown-token").post("/oauth/revoke");

        replay.then().statusCode(401).header("WWW-Authenticate", notNullValue()).body("error", equalTo("invalid_client"));
    }

    /**
     * Audience confusion (CVE-2025-27370/27371 pattern): an assertion a client addressed to the introspection or
     * revocation endpoint, which that endpoint (or anyone it reached) could replay, is not a credential at the token
     * endpoint, nor the other way round. Only the issuer or the URL of the endpoint it is presented to counts.
     */
    @ParameterizedTest
    @EnumSource(Method.class)
    void handleWhenAssertionAddressedToAnotherEndpointThenInvalidClient(Method method) {
        assertInvalidClient(clientCredentials(method.sign(method.assertion().audience(INTROSPECTION_ENDPOINT))));
        assertInvalidClient(clientCredentials(method.sign(method.assertion().audience(REVOCATION_ENDPOINT))));
        assertInvalidClient(withAssertion(method.sign(method.assertion().audience(TestAssertions.TOKEN_ENDPOINT)))
                .formParam("token", "any").post("/oauth/introspect"));
        assertInvalidClient(withAssertion(method.sign(method.assertion().audience(REVOCATION_ENDPOINT)))
                .formParam("token", "any").post("/oauth/introspect"));
        assertInvalidClient(withAssertion(method.sign(method.assertion().audience(INTROSPECTION_ENDPOINT)))
                .formParam("token", "any").post("/oauth/revoke"));
        assertInvalidClient(withAssertion(method.sign(method.assertion().audience(TestAssertions.TOKEN_ENDPOINT)))
                .formParam("token", "any").post("/oauth/revoke"));
    }

    // ---- client_secret_jwt

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void handleWhenClientSecretJwtWithEachHmacAlgorithmAndASecretAsLongAsItsHashThenAccessToken(String algorithm) {
        put(TestClients.client(LONG_SECRET_ID).secret(LONG_SECRET).jwtSecret(LONG_SECRET).methods("client_secret_jwt")
                .scopes("read"));

        clientCredentials(forClient(LONG_SECRET_ID).mac(algorithm, LONG_SECRET)).then().statusCode(200);
    }

    /**
     * RFC 7518 §3.2: the key must be at least as long as the hash. A 256-bit secret (what registration issues) MACs
     * HS256 only; HS384 needs 48 bytes and HS512 64, else a short secret would pass for a stronger algorithm.
     */
    @Test
    void handleWhenHmacSecretShorterThanTheAlgorithmsHashThenInvalidClient() {
        String secret48 = LONG_SECRET.substring(0, 48);
        String clientId = "jwt-secret-48-bytes";
        put(TestClients.client(clientId).secret(secret48).jwtSecret(secret48).methods("client_secret_jwt")
                .scopes("read"));

        assertInvalidClient(clientCredentials(forClient(TestClients.JWT_SECRET_ID)
                .mac("HS384", TestClients.JWT_SECRET)));
        assertInvalidClient(clientCredentials(forClient(TestClients.JWT_SECRET_ID)
                .mac("HS512", TestClients.JWT_SECRET)));
        clientCredentials(forClient(clientId).mac("HS384", secret48)).then().statusCode(200);
        assertInvalidClient(clientCredentials(forClient(clientId).mac("HS512", secret48)));
    }

    @Test
    void handleWhenClientSecretJwtMacedWithWrongSecretThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient(TestClients.JWT_SECRET_ID)
                .mac("HS256", "wrong-secret-0123456789abcdefghijklmnopqrstu")));
    }

    @Test
    void handleWhenClientSecretJwtMacedWithAnotherClientsSecretThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient(TestClients.JWT_SECRET_ID)
                .mac("HS256", TestClients.OTHER_JWT_SECRET)));
        // ...and the other client's own assertion works, so it is the secret that is refused.
        clientCredentials(forClient(TestClients.OTHER_JWT_SECRET_ID).mac("HS256", TestClients.OTHER_JWT_SECRET))
                .then().statusCode(200);
    }

    @Test
    void handleWhenClientSecretJwtClientSignsWithAnAsymmetricKeyThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient(TestClients.JWT_SECRET_ID).sign("ES256", STRANGER)));
    }

    @Test
    void handleWhenClientSecretJwtClientUsesBasicWithItsSecretThenInvalidClientAsMethodNotRegistered() {
        Response response = given().contentType(ContentType.URLENC)
                .header("Authorization", OAuthRequests.basic(TestClients.JWT_SECRET_ID, TestClients.JWT_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token");

        assertInvalidClient(response);
        response.then().header("WWW-Authenticate", startsWith("Basic realm="));
    }

    @Test
    void handleWhenClientSecretJwtClientUsesPostWithItsSecretThenInvalidClientAsMethodNotRegistered() {
        assertInvalidClient(given().contentType(ContentType.URLENC)
                .formParam("client_id", TestClients.JWT_SECRET_ID)
                .formParam("client_secret", TestClients.JWT_SECRET)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token"));
    }

    // ---- private_key_jwt with registered jwks

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256", "EdDSA"})
    void handleWhenPrivateKeyJwtWithEachKeyTypeThenAccessToken(String algorithm) {
        PublicJsonWebKey key = switch (algorithm) {
            case "ES256" -> EC;
            case "EdDSA" -> ED;
            default -> RSA;
        };
        clientCredentials(forClient(INLINE_ID).sign(algorithm, key)).then().statusCode(200);
    }

    @Test
    void handleWhenPrivateKeyJwtWithoutKidThenTheFittingKeyIsFound() {
        clientCredentials(forClient(INLINE_ID).kid(null).sign("ES256", EC)).then().statusCode(200);
        clientCredentials(forClient(INLINE_ID).kid(null).sign("RS256", RSA)).then().statusCode(200);
    }

    @Test
    void handleWhenPrivateKeyJwtWithUnknownKidThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).kid("no-such-key").sign("ES256", EC)));
    }

    @Test
    void handleWhenPrivateKeyJwtSignedByAnotherKeyUnderARegisteredKidThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).sign("ES256", STRANGER)));
    }

    @Test
    void handleWhenPrivateKeyJwtKeyUsedWithAnAlgorithmOfAnotherKeyTypeThenInvalidClient() {
        // kid ec-1 names an EC key; an RSA signature under it fits no registered key.
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).kid("ec-1").sign("RS256", RSA)));
    }

    @Test
    void handleWhenHs256AssertionForPrivateKeyJwtClientThenInvalidClient() {
        // The classic key-confusion attack: HMAC keyed with what the server holds as the client's public key.
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).kid("ec-1").mac("HS256",
                EC.getPublicKey().getEncoded())));
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).kid("rsa-1").mac("HS256",
                RSA.getPublicKey().getEncoded())));
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).kid("ec-1").mac("HS256",
                EC.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8))));
        assertInvalidClient(clientCredentials(forClient(INLINE_ID).mac("HS256", TestClients.JWT_SECRET)));
    }

    @Test
    void handleWhenPrivateKeyJwtClientUsesBasicThenInvalidClientWithBasicChallenge() {
        Response response = given().contentType(ContentType.URLENC)
                .header("Authorization", OAuthRequests.basic(INLINE_ID, "any-secret"))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token");

        assertInvalidClient(response);
        response.then().header("WWW-Authenticate", startsWith("Basic realm="));
    }

    @Test
    void handleWhenSecretClientSendsAnAssertionThenInvalidClientAsMethodNotRegistered() {
        // mastodon-app is registered for client_secret_basic and client_secret_post only.
        assertInvalidClient(clientCredentials(forClient(TestClients.MASTODON_ID)
                .mac("HS256", TestClients.MASTODON_SECRET)));
        assertInvalidClient(clientCredentials(forClient(TestClients.MASTODON_ID).sign("ES256", EC)));
    }

    @Test
    void handleWhenUnknownClientSendsAnAssertionThenInvalidClient() {
        assertInvalidClient(clientCredentials(forClient("no-such-client").sign("ES256", EC)));
    }

    @Test
    void handleWhenAssertionIsNotAJwsThenInvalidClient() {
        assertInvalidClient(clientCredentials("not-a-jwt"));
        assertInvalidClient(clientCredentials("a.b.c.d.e"));
        assertInvalidClient(clientCredentials("x".repeat(20_000) + ".y.z"));
    }

    // ---- private_key_jwt with jwks_uri

    @Test
    void handleWhenPrivateKeyJwtFromJwksUriRepeatedlyThenTheSetIsFetchedOnceAndCached() {
        clientCredentials(forClient(URI_ID).sign("ES256", URI_EC)).then().statusCode(200);
        int fetches = jwksFetches();

        clientCredentials(forClient(URI_ID).sign("ES256", URI_EC)).then().statusCode(200);
        clientCredentials(forClient(URI_ID).sign("ES256", URI_EC)).then().statusCode(200);

        assertEquals(fetches, jwksFetches());
    }

    @Test
    void handleWhenJwksUriAssertionHasUnknownKidThenRefetchedOnceAndInvalidClient() {
        clientCredentials(forClient(URI_ID).sign("ES256", URI_EC)).then().statusCode(200);
        int fetches = jwksFetches();

        assertInvalidClient(clientCredentials(forClient(URI_ID).kid("not-published").sign("ES256", URI_EC)));

        assertEquals(fetches + 1, jwksFetches());
    }

    @Test
    void handleWhenClientRotatesToAKeyPublishedAtJwksUriThenTheNewKidIsFetchedAndAccepted() throws JoseException {
        clientCredentials(forClient(URI_ID).sign("ES256", URI_EC)).then().statusCode(200);
        PublicJsonWebKey rotated = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        rotated.setKeyId("uri-ec-2-" + System.nanoTime());
        given().contentType(ContentType.JSON).body(jwks(URI_EC, rotated))
                .put(registrationUrl + "/_fixture/jwks/" + JWKS_NAME).then().statusCode(204);

        clientCredentials(forClient(URI_ID).sign("ES256", rotated)).then().statusCode(200);
    }

    @Test
    void handleWhenJwksUriIsPlainHttpToANonLoopbackHostThenInvalidClientWithoutFetching() {
        String clientId = "private-key-jwt-http-" + System.nanoTime();
        put(TestClients.client(clientId).methods("private_key_jwt").jwksUri("http://jwks.example/keys"));

        assertInvalidClient(clientCredentials(forClient(clientId).sign("ES256", URI_EC)));
    }

    // ---- helpers

    private static Response clientCredentials(String assertion) {
        return withAssertion(assertion).formParam("grant_type", "client_credentials").post("/oauth/token");
    }

    private static Response clientCredentials(String assertion, String clientId) {
        return withAssertion(assertion).formParam("client_id", clientId).formParam("grant_type", "client_credentials")
                .post("/oauth/token");
    }

    static void assertInvalidClient(Response response) {
        response.then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", notNullValue())
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"))
                .body("access_token", nullValue());
        assertTrue(response.asString().length() < 500, "a short error body, no token");
    }

    private void put(TestClients client) {
        given().contentType(ContentType.JSON).body(client.json())
                .put(registrationUrl + "/_fixture/clients/" + client.clientId())
                .then().statusCode(204);
    }

    private int jwksFetches() {
        return Integer.parseInt(given().get(registrationUrl + "/_fixture/jwks-calls/" + JWKS_NAME).asString());
    }

    /** A public JWK Set, as a client registers or publishes it. */
    static String jwks(PublicJsonWebKey... keys) {
        return Arrays.stream(keys).map(key -> key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private interface KeySupplier {
        PublicJsonWebKey get() throws JoseException;
    }

    private static PublicJsonWebKey generate(String kid, KeySupplier supplier) {
        try {
            PublicJsonWebKey key = supplier.get();
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
