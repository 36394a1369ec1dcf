package org.gatehouse.resource.bearer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Forged and confused bearer tokens at the resource server (RFC 8725 §2, §3.1, §3.11; RFC 9068 §4): every one is
 * refused with 401 {@code invalid_token} and the JSON error body, while the same claims signed properly pass.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@QuarkusTestResource(SiblingDoubles.class)
class BearerTokenAttackTest {

    private static final String PATH = "/api/v1/nodes";

    @Test
    void nodesWhenClaimsSignedProperlyThenServed() throws Exception {
        String token = sign(claims(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, testPrivateKey(),
                TestTokens.KEY_ID, "at+jwt");
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
    }

    @Test
    void nodesWhenHs256MacedWithThePublishedPublicKeyThenInvalidToken() throws Exception {
        PublicKey published = testPublicKey();
        // The classic key-confusion forgeries: the public key's DER bytes, its base64 and its JWK text as HMAC secret.
        byte[][] secrets = {
                published.getEncoded(),
                property("gatehouse.test.access-token-public-key").getBytes(StandardCharsets.US_ASCII),
                publicJwk(published).getBytes(StandardCharsets.UTF_8)};
        for (byte[] secret : secrets) {
            assertInvalidToken(sign(claims(), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret),
                    TestTokens.KEY_ID, "at+jwt"));
            assertInvalidToken(sign(claims(), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret), null, "at+jwt"));
        }
    }

    @Test
    void nodesWhenKidUnknownOrPointsAtAnotherKeyThenInvalidToken() throws Exception {
        KeyPair attacker = ecKeyPair();
        assertInvalidToken(sign(claims(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                attacker.getPrivate(), "attacker-key", "at+jwt"));
        assertInvalidToken(sign(claims(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                attacker.getPrivate(), TestTokens.KEY_ID, "at+jwt"));
        assertInvalidToken(sign(claims(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                attacker.getPrivate(), null, "at+jwt"));
    }

    @Test
    void nodesWhenAttackerEmbedsItsOwnJwkInTheHeaderThenInvalidToken() throws Exception {
        KeyPair attacker = ecKeyPair();
        JsonWebSignature jws = jws(claims(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                attacker.getPrivate(), "attacker-key", "at+jwt");
        jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic()));
        assertInvalidToken(jws.getCompactSerialization());
    }

    @Test
    void nodesWhenIdTokenPresentedAsAccessTokenThenInvalidToken() throws Exception {
        // As token-service mints an ID token (OIDC Core §2): same key, typ JWT, aud = the client, nonce.
        JwtClaims idToken = claims();
        idToken.setAudience("app-1");
        idToken.setClaim("nonce", "n-0S6_WzA2Mj");
        idToken.unsetClaim("scope");
        assertInvalidToken(sign(idToken, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, testPrivateKey(),
                TestTokens.KEY_ID, "JWT"));
        // Even with the access token's audience, only typ at+jwt is an access token (RFC 9068 §4).
        JwtClaims idTokenWithIssuerAudience = claims();
        idTokenWithIssuerAudience.setClaim("nonce", "n-0S6_WzA2Mj");
        assertInvalidToken(sign(idTokenWithIssuerAudience, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                testPrivateKey(), TestTokens.KEY_ID, "JWT"));
        assertInvalidToken(sign(idTokenWithIssuerAudience, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                testPrivateKey(), TestTokens.KEY_ID, null));
    }

    @Test
    void nodesWhenSiblingServiceJwtPresentedAsAccessTokenThenInvalidToken() {
        for (String caller : new String[] {"token-service", "authorization-service", "registration-service"}) {
            given().header("Authorization", TestTokens.serviceAuthorization(caller, "resource-service"))
                    .get(PATH).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("error", equalTo("invalid_token"));
        }
    }

    @Test
    void nodesWhenBearerTokenOversizedThenInvalidTokenJsonNotServerError() throws Exception {
        // Just under the 16 KiB header limit: the token itself reaches the verifier.
        String garbage = "eyJhbGciOiJFUzI1NiJ9." + "A".repeat(15_000) + ".sig";
        assertInvalidToken(garbage);
        JwtClaims padded = claims();
        padded.setClaim("padding", "p".repeat(11_000));
        String signedButPadded = sign(padded, AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(testPublicKey().getEncoded()), TestTokens.KEY_ID, "at+jwt");
        assertInvalidToken(signedButPadded);
    }

    private static void assertInvalidToken(String token) {
        given().auth().oauth2(token).get(PATH).then().statusCode(401)
                .contentType(containsString("application/json"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    /** The claims of a valid access token for Alice, as token-service issues them. */
    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestTokens.ISSUER);
        claims.setSubject(SiblingDoubles.ALICE_ID);
        claims.setAudience(TestTokens.ISSUER);
        claims.setClaim("client_id", "app-1");
        claims.setClaim("scope", "read write");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 300));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(JwtClaims claims, String algorithm, Key key, String kid, String typ) throws Exception {
        return jws(claims, algorithm, key, kid, typ).getCompactSerialization();
    }

    private static JsonWebSignature jws(JwtClaims claims, String algorithm, Key key, String kid, String typ) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        return jws;
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String publicJwk(PublicKey key) throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
        jwk.setKeyId(TestTokens.KEY_ID);
        jwk.setAlgorithm("ES256");
        jwk.setUse("sig");
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static Key testPrivateKey() throws Exception {
        return KeyUtils.decodePrivateKey(property("gatehouse.test.access-token-private-key"), SignatureAlgorithm.ES256);
    }

    private static PublicKey testPublicKey() throws Exception {
        return KeyUtils.decodePublicKey(property("gatehouse.test.access-token-public-key"), SignatureAlgorithm.ES256);
    }

    private static String property(String name) throws IOException {
        try (InputStream in = TestTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(name);
        }
    }
}
