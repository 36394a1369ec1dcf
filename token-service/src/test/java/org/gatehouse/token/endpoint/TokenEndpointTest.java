package org.gatehouse.token.endpoint;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals of the token endpoint: every one is a 4xx with the RFC 6749 §5.2 JSON body, never a 5xx. */
@QuarkusTest
class TokenEndpointTest {

    @TestHTTPResource("/oauth/token")
    URI tokenEndpoint;

    @Test
    void handleWhenWrongSecretThenInvalidClientWithBasicChallenge() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, "not-the-secret"))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Basic realm="))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"))
                .body("error_description", not(emptyOrNullString()));
    }

    @Test
    void handleWhenBasicWithAnotherClientsSecretThenInvalidClientAndNoToken() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.MASTODON_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm="))
                .body("error", equalTo("invalid_client"))
                .body("access_token", nullValue());
    }

    @Test
    void handleWhenPostWithAnotherClientsSecretThenInvalidClientAndNoToken() {
        given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestClients.POST_ID)
                .formParam("client_secret", TestClients.BASIC_SECRET)
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", notNullValue())
                .body("error", equalTo("invalid_client"))
                .body("access_token", nullValue());
    }

    @Test
    void handleWhenUnknownClientThenSameAnswerAsWrongSecret() {
        given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "no-such-client")
                .formParam("client_secret", "whatever")
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("Client authentication failed"));
    }

    @Test
    void handleWhenNoClientCredentialsThenInvalidClient() {
        given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestClients.BASIC_ID)
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenBasicAndPostTogetherThenInvalidRequest() {
        given()
                .header("Authorization", basic(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET))
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestClients.MASTODON_ID)
                .formParam("client_secret", TestClients.MASTODON_SECRET)
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenMethodNotRegisteredForClientThenInvalidClient() {
        given()
                .header("Authorization", basic(TestClients.POST_ID, TestClients.POST_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("The client is not registered for client_secret_basic authentication"));
    }

    @Test
    void handleWhenMalformedBasicHeaderThenInvalidRequest() {
        given()
                .header("Authorization", "Basic %%%not-base64")
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenUnknownGrantTypeThenUnsupportedGrantType() {
        given()
                .header("Authorization", basic(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET))
                .formParam("grant_type", "urn:example:no-such-grant")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void handleWhenGrantNotRegisteredForClientThenUnauthorizedClient() {
        given()
                .header("Authorization", basic(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void handleWhenGrantTypeMissingThenInvalidRequest() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("scope", "read")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("grant_type is required"));
    }

    @Test
    void handleWhenApiTokenWithCodeButNoGrantTypeThenTreatedAsAuthorizationCode() {
        // The inferred grant runs: an unknown code is an invalid grant, not a missing grant_type.
        given()
                .header("Authorization", basic(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET))
                .formParam("code", "some-code")
                .post("/api/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void handleWhenUnknownScopeThenInvalidScope() {
        given()
                .header("Authorization", basic(TestClients.MASTODON_ID, TestClients.MASTODON_SECRET))
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "read launch:missiles")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void handleWhenScopeBeyondRegistrationThenInvalidScope() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "read admin:write")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void handleWhenTextPlainThenUnsupportedMediaType() {
        given()
                .contentType(ContentType.TEXT)
                .body("grant_type=client_credentials")
                .post("/oauth/token")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void handleWhenNoContentTypeThenUnsupportedMediaType() {
        given()
                .body("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8))
                .post("/oauth/token")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON);
    }

    @Test
    void handleWhenContentTypeUnparseableThenClientErrorJson() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded; charset")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, "got " + response.statusCode());
        assertTrue(response.body().contains("\"error\""), response.body());
    }

    @Test
    void handleWhenMalformedJsonThenInvalidRequest() {
        given()
                .contentType(ContentType.JSON)
                .body("{\"grant_type\": \"client_credentials\",")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenJsonIsNotAnObjectThenInvalidRequest() {
        given()
                .contentType(ContentType.JSON)
                .body("[\"client_credentials\"]")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenFormParameterRepeatedThenInvalidRequest() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .contentType(ContentType.URLENC)
                .body("grant_type=client_credentials&scope=read&scope=write:nodes")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("Parameter scope is repeated"));
    }

    @Test
    void handleWhenJsonParameterRepeatedThenInvalidRequest() {
        given()
                .header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"scope\":\"read\",\"scope\":\"write:nodes\"}")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenMalformedFormEncodingThenInvalidRequest() {
        given()
                .contentType(ContentType.URLENC)
                .body("grant_type=client_credentials&scope=%zz")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenBodyTooLargeThenPayloadTooLargeJson() {
        given()
                .contentType(ContentType.URLENC)
                .body("grant_type=client_credentials&scope=" + "a".repeat(70 * 1024))
                .post("/oauth/token")
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("payload_too_large"))
                // platform-common's RequestSizeLimits answers, naming the limit (token-service: 64 KiB).
                .body("error_description", equalTo("The request body is too large (at most 65536 bytes)."));
    }

    @Test
    void handleWhenChunkedBodyTooLargeThenRefusedWithoutServerError() throws InterruptedException {
        byte[] body = ("grant_type=client_credentials&scope=" + "a".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                // No length known up front: sent chunked, so only the body reader can enforce the limit.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
            assertEquals(413, response.statusCode());
        } catch (IOException closedWhileSending) {
            // The server may close the connection before the client has finished sending: also a refusal.
        }
    }

    @Test
    void handleWhenGetThenMethodNotAllowedJson() {
        given()
                .get("/oauth/token")
                .then()
                .statusCode(405)
                .contentType(ContentType.JSON);
    }

    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
