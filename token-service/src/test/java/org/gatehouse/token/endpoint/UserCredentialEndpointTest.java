package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.testing.RateLimits;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestAccounts;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The user credential API (ARCHITECTURE.md flow 4, issue 5): {@code /authenticate} and {@code /refresh}. Failed
 * attempts are counted by registration-service (its {@link RegistrationDouble} here), told the client IP; each test
 * sends its own (X-Forwarded-For).
 */
@QuarkusTest
class UserCredentialEndpointTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TestAccounts ALICE = TestAccounts.ALICE;

    @Test
    void handleWhenJsonCredentialsRightThenFirstPartyTokens() throws Exception {
        JsonPath tokens = authenticate(freshIp(), ALICE.userKey(), ALICE.secret()).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract().jsonPath();

        assertEquals(Set.of("access_token", "refresh_token", "token_type", "expires_in"), tokens.getMap("").keySet());
        assertEquals(43, tokens.getString("refresh_token").length());
        JwtClaims claims = AccessTokens.verify(tokens.getString("access_token")).getJwtClaims();
        assertEquals(Permissions.FIRST_PARTY_CLIENT_ID, claims.getClaimValueAsString("client_id"));
        assertEquals(ALICE.id(), claims.getSubject());
        assertEquals(String.join(" ", Permissions.FIRST_PARTY_SCOPES), claims.getClaimValueAsString("scope"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void handleWhenFormCredentialsRightThenTokens() {
        given()
                .header("X-Forwarded-For", "198.51.100.1, " + freshIp())
                .formParam("user_key", ALICE.userKey())
                .formParam("user_secret", ALICE.secret())
                .post("/authenticate")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"));
    }

    @Test
    void handleWhenSecretWrongOrKeyUnknownThenSameAnswer() {
        String ip = freshIp();
        Response wrongSecret = authenticate(ip, ALICE.userKey(), "not alice's secret");
        Response unknownKey = authenticate(ip, "uk_nobody_" + RANDOM.nextInt(1_000_000), "whatever");

        assertEquals(401, wrongSecret.statusCode());
        assertEquals(wrongSecret.statusCode(), unknownKey.statusCode());
        assertEquals(wrongSecret.asString(), unknownKey.asString());
        wrongSecret.then().body("error", equalTo("invalid_grant")).header("Cache-Control", "no-store");
        // A success resets alice's count, so other tests are not affected by this failure.
        authenticate(ip, ALICE.userKey(), ALICE.secret()).then().statusCode(200);
    }

    @Test
    void handleWhenJsonMalformedThenInvalidRequest() {
        given()
                .header("X-Forwarded-For", freshIp())
                .contentType(ContentType.JSON)
                .body("{\"user_key\": \"" + ALICE.userKey() + "\",")
                .post("/authenticate")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenBodyEmptyThenInvalidRequest() {
        given().header("X-Forwarded-For", freshIp()).contentType(ContentType.JSON).body("")
                .post("/authenticate").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("X-Forwarded-For", freshIp()).contentType(ContentType.URLENC).body("")
                .post("/authenticate").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenSecretMissingThenInvalidRequest() {
        given().header("X-Forwarded-For", freshIp()).contentType(ContentType.JSON)
                .body("{\"user_key\":\"" + ALICE.userKey() + "\"}")
                .post("/authenticate").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenTextPlainThenUnsupportedMediaType() {
        given()
                .contentType(ContentType.TEXT)
                .body("user_key=a&user_secret=b")
                .post("/authenticate")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void handleWhenSecretIsTenThousandCharactersThenInvalidRequestNotServerError() {
        authenticate(freshIp(), ALICE.userKey(), "x".repeat(10_000)).then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("user_secret is too long"));
    }

    /**
     * Failures are counted where accounts live, in one counter per account shared with the login page: once
     * registration-service refuses an attempt, {@code /authenticate} answers 429 with its wait, and such refusals
     * (answers about the attempt, not failures of the sibling) never open the circuit to it.
     */
    @Test
    void handleWhenRegistrationRefusesTheAttemptAsTooManyThen429WithItsRetryAfterAndTheCircuitStaysClosed() {
        String key = RegistrationDouble.LOCKED_KEY_PREFIX + RANDOM.nextInt(1_000_000);
        String ip = freshIp();
        for (int i = 0; i < 12; i++) {
            Response refused = authenticate(ip, key, "guess-" + i);
            RateLimits.assertRateLimited(refused, 10, Duration.ofMinutes(15));
            assertEquals("600", refused.header("Retry-After"));
        }
        authenticate(ip, ALICE.userKey(), ALICE.secret()).then().statusCode(200);
    }

    /** registration-service counts failures per IP too: it is told the address the attempt came from. */
    @Test
    void handleWhenAuthenticatingThenTheAccountCheckNamesTheClientIp() throws Exception {
        String ip = freshIp();
        authenticate(ip, TestAccounts.BOB.userKey(), "wrong").then().statusCode(401);
        String registration = ConfigProvider.getConfig().getValue(RegistrationDouble.URL_PROPERTY, String.class);
        String sent = given().get(registration + "/_fixture/client-ips/" + TestAccounts.BOB.userKey()).then()
                .statusCode(200).extract().asString();
        // The same address, however IPv6 is spelled (2001:db8::1 or 2001:db8:0:0:0:0:0:1).
        assertEquals(InetAddress.getByName(ip), InetAddress.getByName(sent));
    }

    @Test
    void handleWhenTwentyParallelRightLoginsForOneAccountThenAllSucceed() throws Exception {
        String ip = freshIp();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return authenticate(ip, ALICE.userKey(), ALICE.secret()).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handleWhenRegistrationDownThenUnavailableAndServedOnceItIsBack() {
        String registration = ConfigProvider.getConfig().getValue(RegistrationDouble.URL_PROPERTY, String.class);
        String key = "uk_during_outage_" + RANDOM.nextInt(1_000_000);
        String ip = freshIp();
        given().post(registration + "/_fixture/accounts-down").then().statusCode(204);
        try {
            for (int i = 0; i < 5; i++) {
                authenticate(ip, key, "whatever").then()
                        .statusCode(503)
                        .body("error", equalTo("temporarily_unavailable"));
            }
        } finally {
            given().post(registration + "/_fixture/accounts-up").then().statusCode(204);
        }
        authenticate(ip, key, "whatever").then().statusCode(401);
    }

    @Test
    void handleWhenRefreshedThenRotatedAndOldTokenRejected() throws Exception {
        String first = authenticate(freshIp(), ALICE.userKey(), ALICE.secret()).then().statusCode(200)
                .extract().path("refresh_token");

        JsonPath rotated = given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + first + "\"}")
                .post("/refresh")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract().jsonPath();
        assertNotEquals(first, rotated.getString("refresh_token"));
        JwtClaims claims = AccessTokens.verify(rotated.getString("access_token")).getJwtClaims();
        assertEquals(Permissions.FIRST_PARTY_CLIENT_ID, claims.getClaimValueAsString("client_id"));
        assertEquals(ALICE.id(), claims.getSubject());

        given().formParam("refresh_token", first).post("/refresh").then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        // Reuse revoked the family: the rotated token is dead too.
        given().formParam("refresh_token", rotated.getString("refresh_token")).post("/refresh").then()
                .statusCode(400);
    }

    @Test
    void handleWhenTokensCrossBetweenFirstAndThirdPartyThenInvalidGrant() {
        String firstParty = authenticate(freshIp(), ALICE.userKey(), ALICE.secret()).then().statusCode(200)
                .extract().path("refresh_token");
        String code = TestCodes.forClient(TestClients.MASTODON_ID).mint().code();
        String thirdParty = OAuthRequests.exchange(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET, code, null)
                .then().statusCode(200).extract().path("refresh_token");

        given().formParam("refresh_token", thirdParty).post("/refresh").then()
                .statusCode(400).body("error", equalTo("invalid_grant"));
        OAuthRequests.refresh(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET, firstParty).then()
                .statusCode(400).body("error", equalTo("invalid_grant"));

        // Neither refusal was a reuse: both tokens still work where they belong.
        given().formParam("refresh_token", firstParty).post("/refresh").then().statusCode(200);
        OAuthRequests.refresh(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET, thirdParty).then().statusCode(200);
    }

    @Test
    void handleWhenRefreshTokenMissingThenInvalidRequest() {
        given().contentType(ContentType.JSON).body("{}").post("/refresh").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void authenticateLatencyForTheRecord() {
        String ip = freshIp();
        authenticate(ip, ALICE.userKey(), ALICE.secret()).then().statusCode(200);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long start = System.nanoTime();
            authenticate(ip, ALICE.userKey(), ALICE.secret()).then().statusCode(200);
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        // Against the registration double (no password hashing): this is token-service's own share.
        System.out.printf("POST /authenticate latency against the registration double: median %.1f ms "
                + "(min %.1f, max %.1f, n=%d)%n", micros.get(micros.size() / 2) / 1000.0, micros.get(0) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    private static Response authenticate(String ip, String userKey, String secret) {
        RequestSpecification request = given().header("X-Forwarded-For", ip).contentType(ContentType.JSON);
        return request.body("{\"user_key\":\"" + userKey + "\",\"user_secret\":\"" + secret + "\"}")
                .post("/authenticate");
    }

    /** A documentation-range address no other test uses. */
    private static String freshIp() {
        return RateLimits.freshIp("2001:db8::");
    }
}
