package org.gatehouse.registration.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.testing.TestAccessTokens;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code /admin/api/v1/clients}: authorization of every operation, then each operation's behaviour. */
@QuarkusTest
class AdminClientResourceTest {

    private static final String BASE = "/admin/api/v1/clients";
    private static final String ADMIN = BootstrapAdminClientTest.ID;
    private static final String FROM_TOKEN_SERVICE =
            TestTokens.serviceAuthorization("token-service", "registration-service");

    private static RequestSpecification as(String scope) {
        return given().header("Authorization", "Bearer " + TestAccessTokens.valid(ADMIN, scope));
    }

    private static Map<String, Object> create(String name) {
        return as("admin:write").contentType(ContentType.JSON)
                .body(Map.of("client_name", name, "redirect_uris", List.of("https://app.example/cb"),
                        "grant_types", List.of("authorization_code", "client_credentials"), "scope", "read"))
                .when().post(BASE)
                .then().statusCode(201).extract().jsonPath().getMap("$");
    }

    /** Each operation with the request it needs; the path names an existing client. */
    private static List<Map.Entry<String, String>> operations(String clientId) {
        return List.of(Map.entry("GET", BASE), Map.entry("GET", BASE + "/" + clientId),
                Map.entry("POST", BASE), Map.entry("PATCH", BASE + "/" + clientId),
                Map.entry("DELETE", BASE + "/" + clientId), Map.entry("POST", BASE + "/" + clientId + "/secret"));
    }

    private static io.restassured.response.Response send(RequestSpecification request, Map.Entry<String, String> op) {
        RequestSpecification withBody = op.getKey().equals("GET") || op.getKey().equals("DELETE") ? request
                : request.contentType(ContentType.JSON).body(op.getKey().equals("PATCH")
                ? Map.of("disabled", true) : Map.of("client_name", "Should not exist"));
        return withBody.when().request(op.getKey(), op.getValue());
    }

    @Test
    void everyOperationWhenNoTokenThen401WithBearerChallenge() {
        String clientId = (String) create("No token target").get("client_id");
        for (Map.Entry<String, String> op : operations(clientId)) {
            send(given(), op).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("error", equalTo("invalid_token"));
        }
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200).body("disabled", equalTo(false));
    }

    @Test
    void everyOperationWhenTokenWithoutAdminScopeThen403InsufficientScope() {
        String clientId = (String) create("No scope target").get("client_id");
        for (Map.Entry<String, String> op : operations(clientId)) {
            send(as("read write openid"), op).then().statusCode(403)
                    .header("WWW-Authenticate", containsString("insufficient_scope"))
                    .body("error", equalTo("insufficient_scope"));
        }
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200).body("disabled", equalTo(false));
    }

    @Test
    void changesWhenTokenHoldsOnlyAdminReadThen403AndNothingChanged() {
        Map<String, Object> client = create("Read only target");
        String clientId = (String) client.get("client_id");
        String hash = secretHashes(clientId).get(0);
        for (Map.Entry<String, String> op : operations(clientId)) {
            int expected = op.getKey().equals("GET") ? 200 : 403;
            send(as("admin:read"), op).then().statusCode(expected);
        }
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200)
                .body("disabled", equalTo(false)).body("client_name", equalTo("Read only target"));
        assertEquals(List.of(hash), secretHashes(clientId));
        as("admin:read").queryParam("q", "Should not exist").when().get(BASE).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    /**
     * Operator lock-out: the only admin client disabling or deleting itself left nobody able to call the admin API, and
     * the bootstrap never overwrites an existing client. Another admin client may still do either.
     */
    @Test
    void disableOrDeleteWhenTheCallingClientItselfThen409AndNothingChanged() {
        String adminId = "self-admin-" + UUID.randomUUID();
        io.quarkus.arc.Arc.container().instance(BootstrapAdminClient.class).get()
                .ensure(adminId, "self-admin-secret-0123456789-0123456789");
        RequestSpecification self = given()
                .header("Authorization", "Bearer " + TestAccessTokens.valid(adminId, "admin:read admin:write"));

        self.contentType(ContentType.JSON).body(Map.of("disabled", true))
                .when().patch(BASE + "/" + adminId).then().statusCode(409).body("error", equalTo("conflict"));
        given().header("Authorization", "Bearer " + TestAccessTokens.valid(adminId, "admin:read admin:write"))
                .when().delete(BASE + "/" + adminId).then().statusCode(409).body("error", equalTo("conflict"));
        given().header("Authorization", "Bearer " + TestAccessTokens.valid(adminId, "admin:read"))
                .when().get(BASE + "/" + adminId).then().statusCode(200).body("disabled", equalTo(false));

        as("admin:write").contentType(ContentType.JSON).body(Map.of("disabled", true))
                .when().patch(BASE + "/" + adminId).then().statusCode(200).body("disabled", equalTo(true));
    }

    @Test
    void everyOperationWhenAdminClientDisabledThen401() {
        String adminId = "disabled-admin-" + UUID.randomUUID();
        String secret = "disabled-admin-secret-0123456789-0123456789";
        io.quarkus.arc.Arc.container().instance(BootstrapAdminClient.class).get().ensure(adminId, secret);
        as("admin:write").contentType(ContentType.JSON).body(Map.of("disabled", true))
                .when().patch(BASE + "/" + adminId).then().statusCode(200).body("disabled", equalTo(true));

        given().header("Authorization", "Bearer " + TestAccessTokens.valid(adminId, "admin:read admin:write"))
                .when().get(BASE).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void createWhenAdminWriteThen201WithSecretShownOnceAndStoredHashed() {
        Map<String, Object> created = create("Created by operator");
        String clientId = (String) created.get("client_id");
        String secret = (String) created.get("client_secret");

        assertEquals("oauth", created.get("kind"));
        assertEquals(false, created.get("disabled"));
        assertEquals(false, created.get("managed"));
        assertEquals(List.of(ClientSecretIssuer.hash(secret)), secretHashes(clientId));
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(clientId))
                .body("client_name", equalTo("Created by operator"))
                .body("grant_types", contains("authorization_code", "client_credentials"))
                .body("scopes", contains("read"))
                .body("redirect_uris", contains("https://app.example/cb"))
                .body("created_at", notNullValue())
                .body("client_secret", nullValue());
    }

    @Test
    void createWhenMetadataInvalidThen400AndNothingCreated() {
        String name = "Invalid " + UUID.randomUUID();
        as("admin:write").contentType(ContentType.JSON)
                .body(Map.of("client_name", name, "redirect_uris", List.of("javascript:alert(1)")))
                .when().post(BASE).then().statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        as("admin:write").contentType(ContentType.JSON).body("[1]")
                .when().post(BASE).then().statusCode(400).body("error", equalTo("invalid_request"));

        as("admin:read").queryParam("q", name).when().get(BASE).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    /** A disabled client is unknown to the siblings (token-service answers invalid_client); enabling restores it. */
    @Test
    void updateWhenDisabledThenSiblingLookupNotFoundUntilEnabledAgain() {
        String clientId = (String) create("To disable").get("client_id");

        as("admin:write").contentType(ContentType.JSON).body(Map.of("disabled", true))
                .when().patch(BASE + "/" + clientId).then().statusCode(200).body("disabled", equalTo(true));
        given().header("Authorization", FROM_TOKEN_SERVICE).when().get("/internal/clients/{id}", clientId)
                .then().statusCode(404);
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200).body("disabled", equalTo(true));

        as("admin:write").contentType(ContentType.JSON).body(Map.of("disabled", false))
                .when().patch(BASE + "/" + clientId).then().statusCode(200).body("disabled", equalTo(false));
        given().header("Authorization", FROM_TOKEN_SERVICE).when().get("/internal/clients/{id}", clientId)
                .then().statusCode(200);
    }

    @Test
    void updateWhenNameUrisAndOperatorScopesThenStoredAndSeenBySiblings() {
        String clientId = (String) create("Before rename").get("client_id");

        as("admin:write").contentType(ContentType.JSON)
                .body(Map.of("client_name", "After rename", "redirect_uris", List.of("https://new.example/cb"),
                        "scopes", List.of("read", "introspection", "admin:read")))
                .when().patch(BASE + "/" + clientId).then().statusCode(200)
                .body("client_name", equalTo("After rename"))
                .body("redirect_uris", contains("https://new.example/cb"))
                .body("scopes", contains("read", "introspection", "admin:read"));
        given().header("Authorization", FROM_TOKEN_SERVICE).when().get("/internal/clients/{id}", clientId)
                .then().statusCode(200)
                .body("client_name", equalTo("After rename"))
                .body("scopes", contains("read", "introspection", "admin:read"));
    }

    @Test
    void updateWhenAnyMemberInvalidThen400AndNothingChanged() {
        String clientId = (String) create("Unchanged").get("client_id");
        List<Map<String, Object>> invalid = List.of(
                Map.of("client_name", "Renamed", "redirect_uris", List.of("http://evil.example/cb")),
                Map.of("client_name", "Renamed", "scopes", List.of("read", "root")),
                Map.of("client_name", "Renamed", "redirect_uris", List.of()),
                Map.of("client_name", " "),
                Map.of("client_name", "Renamed", "disabled", "yes"),
                Map.of("client_name", "Renamed", "grant_types", List.of("password")));
        for (Map<String, Object> body : invalid) {
            as("admin:write").contentType(ContentType.JSON).body(body)
                    .when().patch(BASE + "/" + clientId).then().statusCode(400)
                    .body("error", not(equalTo("server_error")));
            as("admin:read").when().get(BASE + "/" + clientId).then().body("client_name", equalTo("Unchanged"));
        }
        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(200)
                .body("client_name", equalTo("Unchanged"))
                .body("scopes", contains("read"))
                .body("redirect_uris", contains("https://app.example/cb"))
                .body("disabled", equalTo(false));
    }

    @Test
    void everyOperationWhenUnknownClientIdThen404() {
        String unknown = "no-such-client-" + UUID.randomUUID();
        for (Map.Entry<String, String> op : operations(unknown)) {
            if (op.getValue().equals(BASE)) {
                continue;
            }
            send(as("admin:read admin:write"), op).then().statusCode(404).body("error", equalTo("not_found"));
        }
    }

    @Test
    void deleteWhenAdminWriteThen204AndGoneEverywhere() {
        String clientId = (String) create("To delete").get("client_id");

        as("admin:write").when().delete(BASE + "/" + clientId).then().statusCode(204);

        as("admin:read").when().get(BASE + "/" + clientId).then().statusCode(404);
        given().header("Authorization", FROM_TOKEN_SERVICE).when().get("/internal/clients/{id}", clientId)
                .then().statusCode(404);
    }

    @Test
    void rotateSecretWhenAdminWriteThenNewSecretOnceAndOnlyItsHashValid() {
        Map<String, Object> created = create("To rotate");
        String clientId = (String) created.get("client_id");

        String secret = as("admin:write").when().post(BASE + "/" + clientId + "/secret")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .extract().jsonPath().getString("client_secret");

        assertNotEquals(created.get("client_secret"), secret);
        assertEquals(List.of(ClientSecretIssuer.hash(secret)), secretHashes(clientId));
    }

    /** Keyset pages: every matching client exactly once, in the order of one big page, whatever is added later. */
    @Test
    void listWhenPagedThenEveryClientOnceInStableOrder() {
        String tag = "Paged " + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add((String) create(tag + " " + i).get("client_id"));
        }
        List<String> all = as("admin:read").queryParam("q", tag.toUpperCase()).when().get(BASE)
                .then().statusCode(200).body("next_cursor", nullValue())
                .extract().jsonPath().getList("items.client_id");
        assertEquals(ids, all);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("admin:read").queryParam("q", tag).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get(BASE).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.client_id"));
            cursor = page.getString("next_cursor");
            if (pages++ == 0) {
                create(tag + " later");
            }
        } while (cursor != null && pages < 10);
        assertEquals(ids, paged.subList(0, 5));
        assertEquals(paged.size(), new java.util.HashSet<>(paged).size());

        as("admin:read").queryParam("q", ids.get(2)).when().get(BASE).then().statusCode(200)
                .body("items.client_id", contains(ids.get(2)));
        as("admin:read").when().get(BASE).then().statusCode(200).body("items.client_id", hasItem(ADMIN));
    }

    @Test
    void listWhenLimitCursorOrQueryOutOfBoundsThen400() {
        for (String limit : List.of("0", "201", "-1", "ten")) {
            as("admin:read").queryParam("limit", limit).when().get(BASE).then().statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
        as("admin:read").queryParam("cursor", "not-a-cursor").when().get(BASE).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        as("admin:read").queryParam("q", "x".repeat(101)).when().get(BASE).then().statusCode(400);
        as("admin:read").queryParam("q", "%_!").when().get(BASE).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    private static List<String> secretHashes(String clientId) {
        return given().header("Authorization", FROM_TOKEN_SERVICE).when().get("/internal/clients/{id}", clientId)
                .then().statusCode(200).extract().jsonPath().getList("secret_hashes");
    }
}
