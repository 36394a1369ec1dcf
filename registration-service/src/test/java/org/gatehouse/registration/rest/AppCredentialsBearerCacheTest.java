package org.gatehouse.registration.rest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.testing.VerificationCounter;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /api/v1/apps/verify_credentials} behind platform-common's cache of verified bearer tokens: a repeated
 * token is verified (ES256) once, and a cached token past its {@code exp} is refused. Verifications are counted by
 * {@link VerificationCounter}, a jose4j validator quarkus-oidc runs once per full verification.
 */
@QuarkusTest
class AppCredentialsBearerCacheTest {

    private static final String PATH = "/api/v1/apps/verify_credentials";

    @Inject
    VerificationCounter verifications;

    private TestApps.App app;

    @BeforeEach
    void registerApp() {
        app = TestApps.register(Map.of("client_name", "Cached", "redirect_uris", "https://cached.example/cb",
                "scopes", "read", "website", "https://cached.example"));
    }

    @Test
    void verifyCredentialsWhenSameTokenAgainThenVerifiedOnce() {
        String jti = UUID.randomUUID().toString();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti));

        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get(PATH).then().statusCode(200).body("name", equalTo("Cached"));
        }

        assertEquals(1, verifications.verificationsOf(jti));
    }

    @Test
    void verifyCredentialsWhenCachedTokenExpiresThenRefused() {
        String jti = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String token = TestTokens.sign(TestTokens.accessToken("user-1", app.clientId(), "read").claim("jti", jti)
                .issuedAt(now).expiresAt(now + 2));
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        given().auth().oauth2(token).get(PATH).then().statusCode(200);
        assertEquals(1, verifications.verificationsOf(jti), "the second call was served from the cache");

        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() >= now + 2);
        given().auth().oauth2(token).get(PATH).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }
}
