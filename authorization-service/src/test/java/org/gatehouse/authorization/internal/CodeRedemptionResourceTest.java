package org.gatehouse.authorization.internal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.gatehouse.authorization.testing.Flows;
import org.gatehouse.authorization.testing.Pkce;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CodeRedemptionResourceTest {

    private static final String PATH = "/internal/authorization-codes/redeem";

    @Inject
    AuthorizationCodeRepository codes;

    @Test
    void handleWhenCodeRedeemedTwiceThenSecondIsInvalidGrantWithCodeId() {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);
        String codeId = redeem(code, pkce).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("code_challenge", equalTo(pkce.challenge()))
                .body("redirect_uri_in_request", equalTo(true))
                .body("auth_time", notNullValue())
                .extract().path("code_id");

        redeem(code, pkce).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", notNullValue())
                .body("code_id", equalTo(codeId));
    }

    /** Code theft by another client: refused like an unknown code, not used up, and never reported as a replay. */
    @Test
    void handleWhenAnotherClientPresentsTheCodeThenInvalidGrantAndTheCodeStaysUnused() {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);

        redeem(body(code, "mastodon-app", TestClients.WEB_CALLBACK, pkce.challenge())).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("code_id", nullValue())
                .body("mismatch", nullValue());

        redeem(code, pkce).then().statusCode(200).body("client_id", equalTo(TestClients.WEB));
    }

    /** Revocation by proxy: another client presenting a used code must not get its id (which revokes its tokens). */
    @Test
    void handleWhenAnotherClientPresentsAUsedCodeThenInvalidGrantWithoutCodeId() {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);
        redeem(code, pkce).then().statusCode(200);

        redeem(body(code, "mastodon-app", TestClients.WEB_CALLBACK, pkce.challenge())).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("code_id", nullValue());
        redeem(body(code, TestClients.WEB, TestClients.WEB_CALLBACK, Pkce.generate().challenge())).then()
                .statusCode(400)
                .body("code_id", nullValue());
    }

    /** A stolen code without its verifier, or sent with another redirect_uri, is refused and not used up. */
    @Test
    void handleWhenVerifierOrRedirectUriDoesNotMatchThenMismatchAndTheCodeStaysUnused() {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);

        redeem(body(code, TestClients.WEB, TestClients.WEB_CALLBACK, Pkce.generate().challenge())).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("code_verifier does not match the code_challenge"))
                .body("mismatch", equalTo(true));
        redeem(body(code, TestClients.WEB, TestClients.WEB_CALLBACK, null)).then().statusCode(400)
                .body("error_description", equalTo("code_verifier is required"));
        redeem(body(code, TestClients.WEB, "https://app.example/other", pkce.challenge())).then().statusCode(400)
                .body("error_description", equalTo("redirect_uri must be the one of the authorization request"));
        redeem(body(code, TestClients.WEB, null, pkce.challenge())).then().statusCode(400)
                .body("error_description", equalTo("redirect_uri must be the one of the authorization request"));

        redeem(code, pkce).then().statusCode(200);
    }

    @Test
    void handleWhenClientIdMissingThenInvalidRequest() {
        redeem(body(Flows.webAppCode(Pkce.generate()), null, TestClients.WEB_CALLBACK, null)).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenFiftyConcurrentRedemptionsThenExactlyOneWins() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);
        String authorization = serviceToken();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return given().header("Authorization", authorization).contentType("application/json")
                            .body(body(code, TestClients.WEB, TestClients.WEB_CALLBACK, pkce.challenge()))
                            .post(PATH).statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            int refused = 0;
            for (Future<Integer> result : results) {
                int status = result.get(30, TimeUnit.SECONDS);
                if (status == 200) {
                    ok++;
                } else if (status == 400) {
                    refused++;
                }
            }
            assertEquals(1, ok, "exactly one redemption wins");
            assertEquals(49, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handleWhenCodeExpiredThenInvalidGrantWithoutCodeId() {
        Pkce pkce = Pkce.generate();
        String code = Flows.webAppCode(pkce);
        QuarkusTransaction.requiringNew().run(() -> codes.findByHash(OpaqueTokens.sha256(code)).orElseThrow()
                .expiresAt = Instant.now().minusSeconds(1));
        redeem(code, pkce).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("code_id", nullValue());
    }

    @Test
    void handleWhenCodeUnknownThenInvalidGrant() {
        redeem(body(OpaqueTokens.generate(), TestClients.WEB, TestClients.WEB_CALLBACK, null)).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("code_id", nullValue());
    }

    @Test
    void handleWhenCodeMissingThenInvalidRequest() {
        given().header("Authorization", serviceToken()).contentType("application/json").body("{}")
                .post(PATH).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenNoServiceTokenThenUnauthorized() {
        given().contentType("application/json").body("{\"code\":\"x\"}").post(PATH)
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void handleWhenServiceTokenForAnotherAudienceThenUnauthorized() {
        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "registration-service"))
                .contentType("application/json").body("{\"code\":\"x\"}").post(PATH)
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void handleWhenStoredThenOnlyHashInDatabase() {
        String code = Flows.webAppCode(Pkce.generate());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> codes.count("codeHash", code)) == 0);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> codes.count("codeHash", OpaqueTokens.sha256(code))) == 1);
    }

    /** What token-service presents for the web app's code exchanged with the right verifier. */
    private static Response redeem(String code, Pkce pkce) {
        return redeem(body(code, TestClients.WEB, TestClients.WEB_CALLBACK, pkce.challenge()));
    }

    private static Response redeem(Map<String, Object> body) {
        return given().header("Authorization", serviceToken()).contentType("application/json").body(body).post(PATH);
    }

    private static Map<String, Object> body(String code, String clientId, String redirectUri, String codeChallenge) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("client_id", clientId);
        body.put("redirect_uri", redirectUri);
        body.put("code_challenge", codeChallenge);
        return body;
    }

    private static String serviceToken() {
        return TestTokens.serviceAuthorization("token-service", "authorization-service");
    }
}
