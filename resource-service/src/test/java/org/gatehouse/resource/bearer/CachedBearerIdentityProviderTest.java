package org.gatehouse.resource.bearer;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.testing.VerificationCounter;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The cache of verified bearer tokens: a repeated token is not verified again, yet expiry, revocation and the
 * signature still decide. Verifications are counted by {@link VerificationCounter}, a jose4j validator quarkus-oidc
 * runs on every verification.
 */
@QuarkusTest
class CachedBearerIdentityProviderTest {

    private static final String USERINFO = "/oauth/userinfo";

    @Inject
    VerificationCounter verifications;

    @Test
    void authenticateWhenSameTokenAgainThenNotVerifiedAgain() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid profile")
                .claim("jti", jti));

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get(USERINFO).then().statusCode(200)
                    .body("sub", equalTo(SiblingDoubles.ALICE_ID))
                    .body("preferred_username", equalTo("alice"));
        }
        given().auth().oauth2(token).get("/api/v1/accounts/verify_credentials").then().statusCode(200)
                .body("username", equalTo("alice"));

        assertEquals(1, verifications.verificationsOf(jti));
    }

    @Test
    void authenticateWhenCachedTokenExpiresThenRefused() {
        long now = Instant.now().getEpochSecond();
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .issuedAt(now).expiresAt(now + 2));
        given().auth().oauth2(token).get(USERINFO).then().statusCode(200);
        given().auth().oauth2(token).get(USERINFO).then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() >= now + 2);
        given().auth().oauth2(token).get(USERINFO).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void authenticateWhenCachedTokenRevokedThenRefusedWithinFiveSeconds() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .claim("jti", jti));
        given().auth().oauth2(token).get(USERINFO).then().statusCode(200);
        given().auth().oauth2(token).get(USERINFO).then().statusCode(200);

        TestJwksResource.revoke(jti);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(token).get(USERINFO).then().statusCode(401)
                        .body("error", equalTo("invalid_token")));
        // Refused from the cache: the token was verified once only, and is still refused.
        assertEquals(1, verifications.verificationsOf(jti));
        given().auth().oauth2(token).get(USERINFO).then().statusCode(401);
    }

    @Test
    void authenticateWhenCachedTokenGetsAnotherSignatureThenVerifiedAgain() throws Exception {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .claim("jti", jti));
        given().auth().oauth2(token).get(USERINFO).then().statusCode(200);
        String signingInput = token.substring(0, token.lastIndexOf('.'));

        byte[] garbage = new byte[64];
        new java.security.SecureRandom().nextBytes(garbage);
        String forged = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(garbage);
        given().auth().oauth2(forged).get(USERINFO).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(forged).get(USERINFO).then().statusCode(401);

        // ECDSA signatures are randomised: the same header and claims signed again give another valid token.
        String resigned = signingInput + "." + es256(signingInput);
        assertNotEquals(token, resigned);
        given().auth().oauth2(resigned).get(USERINFO).then().statusCode(200);
        assertEquals(2, verifications.verificationsOf(jti));
    }

    /** An ES256 JWS signature (RFC 7518 §3.4: R || S) over the signing input, with the test access-token key. */
    private static String es256(String signingInput) throws Exception {
        Properties keys = new Properties();
        try (InputStream in = TestTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            keys.load(in);
        }
        PrivateKey key = KeyUtils.decodePrivateKey(keys.getProperty("gatehouse.test.access-token-private-key"),
                SignatureAlgorithm.ES256);
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }
}
