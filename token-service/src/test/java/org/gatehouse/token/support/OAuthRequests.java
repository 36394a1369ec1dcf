package org.gatehouse.token.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.testing.TestTokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;

/** The requests clients and siblings send to this service, for flow tests. */
public final class OAuthRequests {

    private OAuthRequests() {
    }

    /** RFC 6749 §2.3.1: id and secret are form-URL-encoded, joined by ':', then base64-encoded. */
    public static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A request authenticated as the client: Basic with a secret, or only client_id (none) without one. */
    public static RequestSpecification as(String clientId, String secret) {
        RequestSpecification request = given().contentType("application/x-www-form-urlencoded");
        return secret == null ? request.formParam("client_id", clientId)
                : request.header("Authorization", basic(clientId, secret));
    }

    public static Response exchange(String clientId, String secret, String code, String verifier) {
        RequestSpecification request = as(clientId, secret)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", TestCodes.REDIRECT_URI);
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.post("/oauth/token");
    }

    public static Response refresh(String clientId, String secret, String refreshToken) {
        return as(clientId, secret)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .post("/oauth/token");
    }

    public static Response revoke(String clientId, String secret, String token) {
        return as(clientId, secret).formParam("token", token).post("/oauth/revoke");
    }

    public static Response introspect(String clientId, String secret, String token) {
        return as(clientId, secret).formParam("token", token).post("/oauth/introspect");
    }

    /** The denylist feed as resource-service polls it. */
    public static Response revokedJtis(long sinceMillis) {
        return given()
                .header("Authorization", TestTokens.serviceAuthorization("resource-service", "token-service"))
                .queryParam("since", sinceMillis)
                .get("/internal/revoked-jtis");
    }
}
