package org.gatehouse.resource.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@QuarkusTestResource(SiblingDoubles.class)
class UserInfoEndpointTest {

    private static String token(String scope) {
        return tokenFor(SiblingDoubles.ALICE_ID, scope);
    }

    private static String tokenFor(String userId, String scope) {
        return TestTokens.sign(TestTokens.accessToken(userId, "app-1", scope));
    }

    /** OIDC Core §5.4: scope {@code profile} releases every §5.1 profile claim the account has. */
    @Test
    void getWhenProfileAndEmailScopesThenEveryProfileClaimAndEmail() {
        given().auth().oauth2(token("openid profile email")).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.ALICE_ID))
                .body("preferred_username", equalTo("alice"))
                .body("name", equalTo("Alice Liddell"))
                .body("given_name", equalTo("Alice"))
                .body("family_name", equalTo("Liddell"))
                .body("middle_name", equalTo("Pleasance"))
                .body("nickname", equalTo("Al"))
                .body("profile", equalTo("https://wonderland.example/alice"))
                .body("picture", equalTo("https://wonderland.example/alice.png"))
                .body("website", equalTo("https://alice.example.org/"))
                .body("gender", equalTo("female"))
                .body("birthdate", equalTo("0000-05-04"))
                .body("zoneinfo", equalTo("Europe/London"))
                .body("locale", equalTo("en-GB"))
                .body("updated_at", equalTo((int) Instant.parse("2026-03-04T05:06:07Z").getEpochSecond()))
                .body("email", equalTo("alice@example.org"));
        // Without profile (or read:accounts) none of them.
        given().auth().oauth2(token("openid email")).get("/oauth/userinfo").then().statusCode(200)
                .body("email", equalTo("alice@example.org"))
                .body("$", not(hasKey("name")))
                .body("$", not(hasKey("birthdate")))
                .body("$", not(hasKey("picture")))
                .body("$", not(hasKey("locale")));
    }

    /**
     * OIDC Core §5.3.2: a client that registered {@code userinfo_signed_response_alg} gets {@code application/jwt},
     * which token-service (here its double) signs for that client with the algorithm the client registered.
     */
    @Test
    void getWhenClientRegisteredSignedUserinfoThenJwtSignedForItWithItsAlgorithm() throws Exception {
        String accessToken = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID,
                SiblingDoubles.SIGNED_USERINFO_CLIENT, "openid profile"));
        for (var answer : List.of(given().auth().oauth2(accessToken).get("/oauth/userinfo"),
                given().contentType("application/x-www-form-urlencoded").formParam("access_token", accessToken)
                        .post("/oauth/userinfo"))) {
            answer.then().statusCode(200).contentType(startsWith("application/jwt"));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(answer.asString());
            jws.setKey(new JsonWebKeySet(TestJwksResource.jwks()).getJsonWebKeys().get(0).getKey());
            assertTrue(jws.verifySignature());
            assertEquals("RS256", jws.getHeader("requested_alg"));
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            assertEquals(List.of(SiblingDoubles.SIGNED_USERINFO_CLIENT), claims.getAudience());
            assertEquals(SiblingDoubles.ALICE_ID, claims.getSubject());
            assertEquals("Alice Liddell", claims.getStringClaimValue("name"));
            assertEquals("0000-05-04", claims.getStringClaimValue("birthdate"));
            assertEquals("Europe/London", claims.getStringClaimValue("zoneinfo"));
            assertFalse(claims.hasClaim("email"), "the scopes still decide what is released");
        }
        // The API-shaped aliases keep their JSON for every client.
        given().auth().oauth2(accessToken).get("/api/userinfo").then().statusCode(200)
                .contentType(ContentType.JSON).body("username", equalTo("alice"));
    }

    @Test
    void getWhenOnlyOpenidThenSubjectOnly() {
        given().auth().oauth2(token("openid")).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.ALICE_ID))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("username")));
    }

    @Test
    void phpAliasWhenReadScopeThenUsernameEmailAndFullName() {
        given().auth().oauth2(token("read")).get("/api/userinfo.php").then().statusCode(200)
                .body("username", equalTo("alice"))
                .body("email", equalTo("alice@example.org"))
                .body("full_name", equalTo("Alice Liddell"));
        given().auth().oauth2(token("read")).post("/api/userinfo").then().statusCode(200)
                .body("username", equalTo("alice"));
    }

    /** RFC 6750 §2.2: the access token as the form-encoded body parameter {@code access_token} of a POST. */
    @Test
    void postWhenAccessTokenInFormBodyThenClaimsAsWithTheHeader() {
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("access_token", token("openid profile email")).post("/oauth/userinfo")
                .then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.ALICE_ID))
                .body("preferred_username", equalTo("alice"))
                .body("email", equalTo("alice@example.org"))
                .body("email_verified", equalTo(false));
        given().formParam("access_token", token("read")).post("/api/userinfo.php").then().statusCode(200)
                .body("username", equalTo("alice"));
        given().auth().oauth2(token("openid profile")).formParam("unrelated", "x").post("/oauth/userinfo")
                .then().statusCode(200)
                .body("preferred_username", equalTo("alice"));
    }

    /**
     * A token in the body is verified like one in the header: a forged, expired, ID-token-typed or revoked token
     * is refused; no token at all gets the Bearer challenge.
     */
    @Test
    void postWhenFormBodyTokenForgedExpiredOrRevokedThenInvalidToken() {
        long past = Instant.now().getEpochSecond() - 7200;
        String good = token("openid profile");
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + b64("{\"iss\":\"http://localhost:8080\",\"sub\":\""
                + SiblingDoubles.ALICE_ID + "\",\"aud\":\"http://localhost:8080\",\"scope\":\"openid email\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}") + "." + parts[2];
        String expired = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .issuedAt(past).expiresAt(past + 60));
        String idTokenShaped = TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid").jws()
                .keyId(TestTokens.KEY_ID).header("typ", "JWT")
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256).sign(testKey());
        for (String refused : new String[]{forged, expired, idTokenShaped, "not-a-jwt"}) {
            given().formParam("access_token", refused).post("/oauth/userinfo").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("error", equalTo("invalid_token"));
        }
        given().formParam("state", "x").post("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("invalid_token"));

        String jti = UUID.randomUUID().toString();
        String revoked = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .claim("jti", jti));
        given().formParam("access_token", revoked).post("/oauth/userinfo").then().statusCode(200);
        TestJwksResource.revoke(jti);
        given().formParam("access_token", revoked).post("/oauth/userinfo").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    /**
     * A replayed authorization code revokes the tokens issued from it (RFC 6749 §4.1.2), and the client calls
     * UserInfo with the first access token a few milliseconds after token-service refused the replay: UserInfo
     * answered 200 until its next poll of the denylist (every 2 s). Each path refuses on the very next call, no wait.
     */
    @Test
    void getWhenTokenRevokedThenRefusedOnTheVeryNextCall() {
        for (String path : new String[] {"/oauth/userinfo", "/api/userinfo", "/api/userinfo.php"}) {
            String jti = UUID.randomUUID().toString();
            String revoked = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                    .claim("jti", jti));
            given().auth().oauth2(revoked).get(path).then().statusCode(200);

            TestJwksResource.revoke(jti);

            given().auth().oauth2(revoked).get(path).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("error", equalTo("invalid_token"));
        }
    }

    /**
     * UserInfo never answers for a token it could not check: with token-service's denylist unreadable it answers
     * 503 and {@code Retry-After}, while the other APIs go on with the polled list (refused only past its bound).
     */
    @Test
    void getWhenDenylistCannotBeReadThenTemporarilyUnavailableWhileOtherApisServe() {
        String token = token("openid profile read");
        TestJwksResource.denylistFeedDown(true);
        try {
            given().auth().oauth2(token).get("/oauth/userinfo").then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("error", equalTo("temporarily_unavailable"));
            given().auth().oauth2(token).get("/api/v1/nodes").then().statusCode(200);
        } finally {
            TestJwksResource.denylistFeedDown(false);
        }
        given().auth().oauth2(token).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.ALICE_ID));
    }

    /** RFC 6750 §2: a client must not send the token more than one way in a request. */
    @Test
    void postWhenTokenInHeaderAndBodyThenInvalidRequest() {
        given().auth().oauth2(token("openid")).formParam("access_token", token("openid")).post("/oauth/userinfo")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void getWhenEmailScopeThenEmailWithEmailVerifiedFalse() {
        given().auth().oauth2(token("openid email")).get("/oauth/userinfo").then().statusCode(200)
                .body("email", equalTo("alice@example.org"))
                .body("email_verified", equalTo(false))
                .body("$", not(hasKey("preferred_username")));
    }

    @Test
    void getWhenUsernameIsAnAddressThenPreferredUsernameAndEmailAreThatAddress() {
        given().auth().oauth2(tokenFor(SiblingDoubles.ADDRESS_USER_ID, "openid profile email"))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("preferred_username", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                .body("email", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                .body("email_verified", equalTo(false));
    }

    @Test
    void getWhenEmailScopeButAccountHasNoEmailThenNoEmailClaims() {
        given().auth().oauth2(tokenFor(SiblingDoubles.NO_EMAIL_USER_ID, "openid profile email"))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("preferred_username", equalTo("bob"))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("email_verified")))
                // OIDC Core §5.3.2: claims the user never gave are left out, neither null nor empty.
                .body("$", not(hasKey("given_name")))
                .body("$", not(hasKey("family_name")))
                .body("$", not(hasKey("middle_name")))
                .body("$", not(hasKey("nickname")))
                .body("$", not(hasKey("profile")))
                .body("$", not(hasKey("picture")))
                .body("$", not(hasKey("website")))
                .body("$", not(hasKey("gender")))
                .body("$", not(hasKey("birthdate")))
                .body("$", not(hasKey("zoneinfo")))
                .body("$", not(hasKey("locale")));
    }

    /** The documented integration reads {@code user_data['email']}: the key is always there, null without one. */
    @Test
    void phpAliasWhenAccountHasNoEmailThenEmailKeyPresentAndNull() {
        for (String path : new String[] {"/api/userinfo.php", "/api/userinfo"}) {
            given().auth().oauth2(tokenFor(SiblingDoubles.NO_EMAIL_USER_ID, "read")).get(path).then().statusCode(200)
                    .body("username", equalTo("bob"))
                    .body("$", hasKey("email"))
                    .body("email", nullValue())
                    .body("full_name", equalTo("bob"));
        }
    }

    @Test
    void phpAliasWhenAnyUserInfoScopeThenUsernameEmailAndFullNameEveryTime() {
        for (String scope : new String[] {"openid", "profile", "email", "read:accounts"}) {
            for (String path : new String[] {"/api/userinfo.php", "/api/userinfo"}) {
                given().auth().oauth2(tokenFor(SiblingDoubles.ADDRESS_USER_ID, scope)).get(path).then()
                        .statusCode(200)
                        .body("username", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                        .body("email", equalTo(SiblingDoubles.ADDRESS_USERNAME))
                        .body("full_name", equalTo(SiblingDoubles.ADDRESS_USERNAME));
            }
        }
    }

    @Test
    void getWhenScopeUnrelatedThenInsufficientScope() {
        given().auth().oauth2(token("write:nodes")).get("/oauth/userinfo").then().statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void getWhenClientCredentialsTokenThenAccessDenied() {
        String appToken = TestTokens.sign(TestTokens.accessToken("app-1", "app-1", "openid read"));
        given().auth().oauth2(appToken).get("/oauth/userinfo").then().statusCode(403)
                .body("error", equalTo("access_denied"));
    }

    @Test
    void getWhenUserUnknownThenInvalidToken() {
        String ghost = TestTokens.sign(TestTokens.accessToken("00000000-0000-0000-0000-000000000000", "app-1", "openid"));
        given().auth().oauth2(ghost).get("/oauth/userinfo").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void getWhenNoTokenThenInvalidTokenChallenge() {
        given().get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void getWhenExpiredThenInvalidToken() {
        long past = Instant.now().getEpochSecond() - 7200;
        String expired = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .issuedAt(past).expiresAt(past + 60));
        assertRefused(expired);
    }

    @Test
    void getWhenWrongIssuerOrAudienceThenInvalidToken() {
        assertRefused(TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .issuer("https://evil.example")));
        assertRefused(TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid")
                .audience("https://other-api.example")));
    }

    @Test
    void getWhenTamperedOrAlgNoneThenInvalidToken() {
        String good = token("openid profile");
        String[] parts = good.split("\\.");
        String forgedPayload = b64("{\"iss\":\"http://localhost:8080\",\"sub\":\"" + SiblingDoubles.ALICE_ID
                + "\",\"aud\":\"http://localhost:8080\",\"scope\":\"openid profile email\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}");
        assertRefused(parts[0] + "." + forgedPayload + "." + parts[2]);
        assertRefused(b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + forgedPayload + ".");
        assertRefused("not-a-jwt");
    }

    @Test
    void getWhenTokenIsNotAnAccessTokenTypeThenInvalidToken() {
        String idTokenShaped = TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "openid").jws()
                .keyId(TestTokens.KEY_ID).header("typ", "JWT")
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256)
                .sign(testKey());
        assertRefused(idTokenShaped);
    }

    private static java.security.PrivateKey testKey() {
        try (var in = TestTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            var props = new java.util.Properties();
            props.load(in);
            return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(
                    props.getProperty("gatehouse.test.access-token-private-key"),
                    io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(String token) {
        given().auth().oauth2(token).get("/oauth/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
