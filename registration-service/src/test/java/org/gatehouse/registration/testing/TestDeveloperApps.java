package org.gatehouse.registration.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Developer apps registered through the JSON API, and what resource-service would see of their keys. */
public final class TestDeveloperApps {

    private TestDeveloperApps() {
    }

    /** A registered app: its client id and the one-time API key. */
    public record App(String clientId, String apiKey, JsonPath json) {
        public String keyId() {
            return TestDeveloperApps.keyId(apiKey);
        }
    }

    public static App register(UUID owner, String name) {
        JsonPath json = given().header("Authorization", FirstPartyTokens.bearerFor(owner))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "redirect_uris", List.of("https://thirdparty.example/callback"),
                        "requested_permissions", List.of("read:nodes", "write:nodes")))
                .when().post("/api/v1/developer/apps")
                .then().statusCode(201)
                .extract().jsonPath();
        return new App(json.getString("client_id"), json.getString("api_key"), json);
    }

    /** The key id of {@code <prefix>_tp_<key id>.<secret>}. */
    public static String keyId(String apiKey) {
        return apiKey.substring(apiKey.indexOf("_tp_") + 4, apiKey.indexOf('.'));
    }

    /** The stored form of the key's secret part. */
    public static String secretHash(String apiKey) {
        return ClientSecretIssuer.hash(apiKey.substring(apiKey.indexOf('.') + 1));
    }

    /** What resource-service does with a presented key: is its secret's hash among the valid ones? */
    public static boolean accepted(String apiKey) {
        var response = given().header("Authorization", fromResourceService())
                .when().get("/internal/api-keys/{key_id}", keyId(apiKey))
                .then().extract();
        if (response.statusCode() == 404) {
            return false;
        }
        List<String> hashes = response.jsonPath().getList("key_hashes", String.class);
        return hashes.contains(secretHash(apiKey));
    }

    public static String fromResourceService() {
        return TestTokens.serviceAuthorization("resource-service", "registration-service");
    }
}
