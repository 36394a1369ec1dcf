package org.gatehouse.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The operator plane over the real processes, through the public edge only: the launcher's bootstrap admin client
 * gets an admin token, creates a client, that client gets tokens, the operator disables it and its next token
 * request is refused with invalid_client within 5 s. A self-registered client can never get an admin scope.
 */
class AdminClientsFlowTest {

    private static LocalRun run;
    private static Properties admin;

    @BeforeAll
    static void startPlatform() throws Exception {
        run = LocalRun.start("AdminClientsFlowTest", Map.of());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        admin = new Properties();
        try (InputStream in = Files.newInputStream(run.workDir.resolve(".local-run/admin-client.env"))) {
            admin.load(in);
        }
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void disableWhenOperatorDisablesAClientThenItsNextTokenRequestIsInvalidClientWithinFiveSeconds() {
        String adminToken = token(admin.getProperty("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID"),
                admin.getProperty("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET"), "admin:read admin:write")
                .then().statusCode(200).extract().path("access_token");
        bearer(adminToken).get("/admin/api/v1/clients").then().statusCode(200)
                .body("items.client_id", hasItem(admin.getProperty("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID")));

        Map<String, Object> created = bearer(adminToken).contentType(ContentType.JSON)
                .body(Map.of("client_name", "batch job", "grant_types", List.of("client_credentials"),
                        "scope", "read"))
                .post("/admin/api/v1/clients")
                .then().statusCode(201).extract().jsonPath().getMap("$");
        String clientId = (String) created.get("client_id");
        String secret = (String) created.get("client_secret");
        String clientToken = token(clientId, secret, "read").then().statusCode(200).extract().path("access_token");
        bearer(clientToken).get("/api/v1/apps/verify_credentials").then().statusCode(200)
                .body("name", equalTo("batch job"));

        bearer(adminToken).contentType(ContentType.JSON).body(Map.of("disabled", true))
                .patch("/admin/api/v1/clients/" + clientId)
                .then().statusCode(200).body("disabled", equalTo(true));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                token(clientId, secret, "read").then().statusCode(401).body("error", equalTo("invalid_client")));
    }

    @Test
    void tokenWhenSelfRegisteredClientAsksForAdminScopeThenInvalidScopeAndAdminApiForbidden() {
        Map<String, Object> app = edge().contentType(ContentType.URLENC)
                .formParam("client_name", "self registered").formParam("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")
                .formParam("scopes", "read")
                .post("/api/v1/apps").then().statusCode(200).extract().jsonPath().getMap("$");
        String clientId = (String) app.get("client_id");
        String secret = (String) app.get("client_secret");

        token(clientId, secret, "admin:read").then().statusCode(400).body("error", equalTo("invalid_scope"));
        String token = token(clientId, secret, "read").then().statusCode(200).extract().path("access_token");
        bearer(token).get("/admin/api/v1/clients").then().statusCode(403).body("error", equalTo("insufficient_scope"));
        edge().get("/admin/api/v1/clients").then().statusCode(401);
    }

    private static io.restassured.response.Response token(String clientId, String secret, String scope) {
        return edge().header("Authorization", OAuthClient.basic(clientId, secret))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", scope)
                .post("/oauth/token");
    }

    private static RequestSpecification bearer(String token) {
        return edge().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification edge() {
        return given().baseUri(run.publicUrl);
    }
}
