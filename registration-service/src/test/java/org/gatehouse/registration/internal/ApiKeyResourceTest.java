package org.gatehouse.registration.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.registration.testing.TestDeveloperApps;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ApiKeyResourceTest {

    private static final String PATH = "/internal/api-keys/{key_id}";

    @Test
    void handleWhenKeyIdKnownThenContractShapeWithHashOfTheSecretPart() {
        TestAccounts.Account developer = TestAccounts.create("keys");
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Key lookup");

        Map<String, Object> body = given().header("Authorization", TestDeveloperApps.fromResourceService())
                .when().get(PATH, app.keyId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("key_id", equalTo(app.keyId()))
                .body("client_id", equalTo(app.clientId()))
                .body("requested_permissions", contains("read:nodes", "write:nodes"))
                .body("key_hashes", contains(TestDeveloperApps.secretHash(app.apiKey())))
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), containsInAnyOrder("key_id", "client_id", "requested_permissions", "key_hashes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAAAAAAAAAAAAAAA", "short", "gh_tp_AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAA_"})
    void handleWhenKeyIdUnknownOrMalformedThen404NotFound(String keyId) {
        given().header("Authorization", TestDeveloperApps.fromResourceService())
                .when().get(PATH, keyId)
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @Test
    void handleWhenNoServiceTokenOrAnotherAudienceThen401() {
        given().when().get(PATH, "AAAAAAAAAAAAAAAA").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "token-service"))
                .when().get(PATH, "AAAAAAAAAAAAAAAA").then().statusCode(401);
    }
}
