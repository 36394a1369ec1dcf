package org.gatehouse.token.grant;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.gatehouse.token.remote.AuthorizationGateway;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.AuthorizationDouble;
import org.gatehouse.token.support.TestAccounts;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.refresh;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The refresh token grant end to end (RFC 6749 §6, OAuth 2.1 §4.3.1): rotation, reuse detection, scope rules. */
@QuarkusTest
class RefreshTokenFlowTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @TestHTTPResource("/oauth/token")
    URI tokenEndpoint;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void handleWhenRefreshTokenCurrentThenRotatedAndNewAccessToken() throws Exception {
        JsonPath first = tokens("read");

        JsonPath second = refresh(CLIENT, SECRET, first.getString("refresh_token")).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("read"))
                .extract().jsonPath();

        assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        assertEquals(TestCodes.USER_ID, AccessTokens.verify(second.getString("access_token")).getJwtClaims().getSubject());
        refresh(CLIENT, SECRET, second.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void handleWhenRotatedTokenReusedThenInvalidGrantAndWholeFamilyRevoked() throws Exception {
        long before = System.currentTimeMillis();
        JsonPath first = tokens("read");
        JsonPath second = refresh(CLIENT, SECRET, first.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath();
        String secondJti = AccessTokens.verify(second.getString("access_token")).getJwtClaims().getJwtId();

        refresh(CLIENT, SECRET, first.getString("refresh_token")).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        // The newest token of the family dies with it, and its access token is denylisted.
        refresh(CLIENT, SECRET, second.getString("refresh_token")).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        OAuthRequests.revokedJtis(before).then().body("jtis.jti", hasItem(secondJti));
    }

    /**
     * Revoking an app can leave it access for good: when the user's revocation never reached token-service (it was
     * down or slow at that moment), the app's refresh tokens went on rotating, each with a fresh 30-day life. The
     * refresh grant now asks authorization-service whether the consent behind a code family still stands: it does
     * not, so the refresh is refused and the whole family revoked, its access tokens denylisted.
     */
    @Test
    void handleWhenConsentRevokedButTheRevocationNeverReachedTokenServiceThenInvalidGrantAndFamilyRevoked()
            throws Exception {
        long before = System.currentTimeMillis();
        String userId = UUID.randomUUID().toString();
        JsonPath first = tokensOf(userId, "read");
        JsonPath second = refresh(CLIENT, SECRET, first.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath();
        String secondJti = AccessTokens.verify(second.getString("access_token")).getJwtClaims().getJwtId();

        AuthorizationDouble.revokeConsent(userId, CLIENT);

        refresh(CLIENT, SECRET, second.getString("refresh_token")).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        OAuthRequests.revokedJtis(before).then().body("jtis.jti", hasItem(secondJti));
        OAuthRequests.introspect(CLIENT, SECRET, second.getString("refresh_token")).then().statusCode(200)
                .body("active", equalTo(false));
        // Revoked for good: a consent granted again later does not bring this family back.
        refresh(CLIENT, SECRET, second.getString("refresh_token")).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    /** No token is issued that could not be checked: authorization-service down → 503, and the token still works. */
    @Test
    void handleWhenAuthorizationServiceCannotSayWhetherTheConsentStandsThenTemporarilyUnavailable() {
        String refreshToken = tokensOf(UUID.randomUUID().toString(), "read").getString("refresh_token");
        AuthorizationDouble.consentsDown(true);
        try {
            refresh(CLIENT, SECRET, refreshToken).then()
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("temporarily_unavailable"))
                    .body("refresh_token", nullValue());
        } finally {
            AuthorizationDouble.consentsDown(false);
            breakers.reset(AuthorizationGateway.CONSENT_BREAKER);
        }
        refresh(CLIENT, SECRET, refreshToken).then().statusCode(200);
    }

    /** First-party families (/authenticate) come from no consent: their refresh never asks authorization-service. */
    @Test
    void refreshWhenFirstPartyFamilyThenRotatedWithoutAskingAuthorizationService() {
        String refreshToken = given().header("X-Forwarded-For", "2001:db8::7e:" + Integer.toHexString(
                        (int) (System.nanoTime() & 0xffff)) + ", 10.0.0.1")
                .contentType("application/json")
                .body(Map.of("user_key", TestAccounts.ALICE.userKey(), "user_secret", TestAccounts.ALICE.secret()))
                .post("/authenticate").then().statusCode(200).extract().path("refresh_token");
        AuthorizationDouble.consentsDown(true);
        try {
            int lookups = AuthorizationDouble.consentLookups();
            given().contentType("application/json").body(Map.of("refresh_token", refreshToken))
                    .post("/refresh").then().statusCode(200).body("refresh_token", notNullValue());
            assertEquals(lookups, AuthorizationDouble.consentLookups());
        } finally {
            AuthorizationDouble.consentsDown(false);
        }
    }

    @Test
    void handleWhenFiftyConcurrentRefreshesOfOneTokenThenExactlyOneSucceeds() throws Exception {
        String refreshToken = tokens("read").getString("refresh_token");
        String body = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(tokenEndpoint)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Authorization", OAuthRequests.basic(CLIENT, SECRET))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                };
                statuses.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            int invalidGrant = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                ok += code == 200 ? 1 : 0;
                invalidGrant += code == 400 ? 1 : 0;
            }
            assertEquals(1, ok, "exactly one concurrent refresh wins");
            assertEquals(49, invalidGrant, "the others are refused as reuse");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handleWhenScopeNarrowedThenAccessTokenNarrowedAndFamilyKeepsOriginalScope() throws Exception {
        JsonPath first = tokens("read write");

        JsonPath narrowed = OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", first.getString("refresh_token"))
                .formParam("scope", "read:accounts")
                .post("/oauth/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("read:accounts"))
                .extract().jsonPath();
        assertEquals("read:accounts",
                AccessTokens.verify(narrowed.getString("access_token")).getJwtClaims().getClaimValueAsString("scope"));

        // RFC 6749 §6: the new refresh token's scope is the original one, so the next refresh may ask for all of it.
        refresh(CLIENT, SECRET, narrowed.getString("refresh_token")).then()
                .statusCode(200)
                .body("scope", equalTo("read write"));
    }

    @Test
    void handleWhenScopeWidenedThenInvalidScopeAndTokenStillUsable() {
        String refreshToken = tokens("read").getString("refresh_token");

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("scope", "read write")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));

        refresh(CLIENT, SECRET, refreshToken).then().statusCode(200);
    }

    @Test
    void handleWhenScopeUnknownThenInvalidScope() {
        String refreshToken = tokens("read").getString("refresh_token");

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("scope", "launch:missiles")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void handleWhenRefreshTokenOfAnotherClientThenInvalidGrant() {
        String refreshToken = tokens("read").getString("refresh_token");

        refresh(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, refreshToken).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        // Not a reuse: the owner's token still works.
        refresh(CLIENT, SECRET, refreshToken).then().statusCode(200);
    }

    @Test
    void handleWhenRefreshTokenExpiredThenInvalidGrant() throws Exception {
        String refreshToken = tokens("read").getString("refresh_token");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement expire = connection.prepareStatement(
                     "UPDATE token.refresh_token SET expires_at = now() - interval '1 second' WHERE token_hash = ?")) {
            expire.setString(1, sha256(refreshToken));
            assertEquals(1, expire.executeUpdate());
        }

        refresh(CLIENT, SECRET, refreshToken).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void handleWhenRefreshTokenUnknownThenInvalidGrant() {
        refresh(CLIENT, SECRET, "not-a-refresh-token").then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void handleWhenRefreshTokenMissingThenInvalidRequest() {
        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "refresh_token")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenClientNotRegisteredForRefreshTokenGrantThenUnauthorizedClient() {
        refresh(TestClients.NO_REFRESH_ID, TestClients.NO_REFRESH_SECRET, "whatever").then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void handleWhenStoredThenOnlyTheHashIsInTheDatabase() throws Exception {
        String refreshToken = tokens("read").getString("refresh_token");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(
                     "SELECT count(*) FROM token.refresh_token WHERE token_hash = ? OR token_hash = ?")) {
            find.setString(1, sha256(refreshToken));
            find.setString(2, refreshToken);
            var result = find.executeQuery();
            result.next();
            assertEquals(1, result.getInt(1));
        }
        refresh(CLIENT, SECRET, refreshToken).then().body("refresh_token", not(equalTo(refreshToken)));
    }

    private static JsonPath tokensOf(String userId, String scope) {
        String code = TestCodes.forClient(CLIENT).user(userId).scope(scope).mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath tokens(String scope) {
        String code = TestCodes.forClient(CLIENT).scope(scope).mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }

    static String sha256(String value) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
