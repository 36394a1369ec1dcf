package org.gatehouse.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5 end to end over plain HTTP through the edge: the user credential API ({@code /register},
 * {@code /authenticate}, {@code /refresh}, ARCHITECTURE.md flow 4) with its first-party tokens, the one account
 * model, the uniform failure answer and the brute-force lockout.
 */
class UserCredentialFlowTest {

    /** The local run's default: {@code token.authenticate.max-failures-per-key}. */
    private static final int MAX_FAILURES_PER_KEY = 10;

    private static LocalRun run;

    @BeforeAll
    static void startPlatform() throws Exception {
        run = LocalRun.start("UserCredentialFlowTest", Map.of());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void handleWhenUserIdIsAnEmailAddressThenRegisterAuthenticateAndUserinfoNameIt() throws Exception {
        String address = WebUser.withAddress("frank").username();
        String secret = WebUser.random("frank").password();
        Response registered = register(address, secret);
        registered.then().statusCode(201).body("user_key", notNullValue());
        register(address.toLowerCase(), secret).then().statusCode(409).body("error", equalTo("conflict"));

        Response tokens = authenticate(registered.path("user_key"), secret);
        tokens.then().statusCode(200);
        bearer(tokens.path("access_token")).get("/api/userinfo").then().statusCode(200)
                .body("username", equalTo(address))
                .body("email", equalTo(address));
    }

    @Test
    void handleWhenRegisteredThenAuthenticateUseRefreshAndOldRefreshTokenRejected() throws Exception {
        WebUser user = WebUser.random("dana");
        String userKey = register(user);
        register(user.username(), "another-" + user.password()).then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", equalTo("conflict"))
                .body("error_description", notNullValue());
        register(user.username().toUpperCase(), user.password()).then().statusCode(409)
                .body("error", equalTo("conflict"));

        Response tokens = authenticate(userKey, user.password());
        tokens.then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalToIgnoringCase("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("refresh_token", notNullValue());
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        JwtClaims claims = Jwts.accessToken(run.publicUrl, access);
        assertEquals("gatehouse", claims.getStringClaimValue("client_id"), "a first-party token");
        UUID.fromString(claims.getSubject());
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());

        bearer(access).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(claims.getSubject()))
                .body("username", equalTo(user.username()));
        bearer(access).get("/api/v1/nodes").then().statusCode(200).body("data", notNullValue());
        String nodeId = bearer(access).contentType(ContentType.JSON)
                .body(Map.of("type", "note", "title", "first-party note", "tags", List.of("e2e")))
                .post("/api/v1/nodes")
                .then().statusCode(201).extract().path("id");
        bearer(access).get("/api/v1/nodes").then().statusCode(200).body("data.id", hasItem(nodeId));

        Response rotated = refresh(refresh);
        rotated.then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("access_token", notNullValue())
                .body("refresh_token", notNullValue())
                .body("expires_in", equalTo(3600));
        String newRefresh = rotated.path("refresh_token");
        assertNotEquals(refresh, newRefresh, "the refresh token must rotate");
        assertNotEquals(access, rotated.path("access_token"));
        bearer(rotated.path("access_token")).get("/api/v1/nodes").then().statusCode(200)
                .body("data.id", hasItem(nodeId));

        refresh(refresh).then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_grant"));
        // Reuse revokes the family (OAuth 2.1 §4.3.1): the rotated token is dead too.
        refresh(newRefresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void handleWhenRegisteredThroughApiThenSameCredentialsSignInOnLoginPage() {
        WebUser user = WebUser.random("erin");
        register(user);

        Response form = edge().get("/login?return_to=/account");
        form.then().statusCode(200).contentType(ContentType.HTML);
        Matcher csrf = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(form.asString());
        assertTrue(csrf.find(), "no csrf_token on /login");

        Response login = edge().redirects().follow(false)
                .cookies(form.getCookies())
                .contentType(ContentType.URLENC)
                .formParam("csrf_token", csrf.group(1))
                .formParam("return_to", "/account")
                .formParam("username", user.username())
                .formParam("password", user.password())
                .post("/login");
        login.then().statusCode(303).header("Location", endsWith("/account"));
        assertNotNull(login.getCookie("gatehouse_session"), "no session cookie after login");

        edge().cookie("gatehouse_session", login.getCookie("gatehouse_session")).get("/account")
                .then().statusCode(200).body(containsString(user.username()));
    }

    @Test
    void handleWhenSecretWrongOrKeyUnknownThenSameInvalidGrantAnswer() {
        WebUser user = WebUser.random("frank");
        String userKey = register(user);

        Response wrongSecret = authenticate(userKey, user.password() + "x");
        Response unknownKey = authenticate("uk_" + UUID.randomUUID().toString().replace("-", ""), user.password());
        for (Response response : List.of(wrongSecret, unknownKey)) {
            response.then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("invalid_grant"));
        }
        assertEquals(wrongSecret.jsonPath().getMap(""), unknownKey.jsonPath().getMap(""),
                "a wrong secret and an unknown key must be indistinguishable");
        assertEquals(wrongSecret.getHeader("WWW-Authenticate"), unknownKey.getHeader("WWW-Authenticate"));
    }

    @Test
    void handleWhenBodyIsHugeMalformedEmptyOrNotJsonThenJsonClientErrorNeverServerError() {
        WebUser user = WebUser.random("gina");
        String userKey = register(user);
        String huge = "s".repeat(10_000);

        for (Response response : List.of(
                authenticate(userKey, huge),
                register(WebUser.random("hank").username(), huge),
                edge().contentType(ContentType.JSON).body("{\"user_key\":").post("/authenticate"),
                edge().contentType(ContentType.JSON).body("").post("/authenticate"),
                edge().contentType(ContentType.JSON).body("{\"user_id\":").post("/register"))) {
            response.then().contentType(ContentType.JSON)
                    .body("error", notNullValue())
                    .body(not(containsString("Exception")));
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                    "expected 4xx, got " + response.statusCode() + ": " + response.asString());
        }
        edge().contentType(ContentType.TEXT).body("user_key=x").post("/authenticate")
                .then().statusCode(415).contentType(ContentType.JSON).body("error", notNullValue());
        // None of that locked the account out or broke it.
        authenticate(userKey, user.password()).then().statusCode(200);
    }

    @Test
    void handleWhenTooManyFailuresForOneKeyThenRateLimitedWithRetryAfter() {
        WebUser user = WebUser.random("ivan");
        String userKey = register(user);

        for (int i = 1; i <= MAX_FAILURES_PER_KEY; i++) {
            authenticate(userKey, "wrong-secret-" + i).then().statusCode(401).body("error", equalTo("invalid_grant"));
        }
        Response limited = authenticate(userKey, "wrong-secret-again");
        limited.then().statusCode(429).contentType(ContentType.JSON).body("error", equalTo("rate_limited"));
        long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals(String.valueOf(MAX_FAILURES_PER_KEY), limited.getHeader("RateLimit-Limit"));
        // Locked means locked: the right secret waits too, so guessing on cannot tell when it hit.
        authenticate(userKey, user.password()).then().statusCode(429).header("Retry-After", notNullValue());
        // Another key from the same address is not affected.
        WebUser other = WebUser.random("judy");
        authenticate(register(other), other.password()).then().statusCode(200);
    }

    // --- requests ----------------------------------------------------------------------------------------------

    private static String register(WebUser user) {
        Response response = register(user.username(), user.password());
        response.then().statusCode(201).contentType(ContentType.JSON).body("user_key", notNullValue());
        String userKey = response.path("user_key");
        assertNotEquals(user.password(), userKey);
        assertTrue(!userKey.contains(user.password()), "the user key must not carry the secret");
        return userKey;
    }

    private static Response register(String userId, String secret) {
        return edge().contentType(ContentType.JSON).body(Map.of("user_id", userId, "user_secret", secret))
                .post("/register");
    }

    private static Response authenticate(String userKey, String secret) {
        return edge().contentType(ContentType.JSON).body(Map.of("user_key", userKey, "user_secret", secret))
                .post("/authenticate");
    }

    private static Response refresh(String refreshToken) {
        return edge().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken)).post("/refresh");
    }

    private static RequestSpecification bearer(String token) {
        return edge().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification edge() {
        return given().baseUri(run.publicUrl);
    }
}
