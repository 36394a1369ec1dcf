package org.gatehouse.resource.apikey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Third-party calls with X-API-Key + X-User-ID: effective permissions = app's request ∩ the user's profile. */
@QuarkusTest
class ApiKeyAccessTest {

    private static void grant(String userId, String permissions) {
        String doubles = ConfigProvider.getConfig().getValue("quarkus.rest-client.authorization.url", String.class);
        RestAssured.given().baseUri(doubles).queryParam("user_id", userId).queryParam("permissions", permissions)
                .post("/test/grant").then().statusCode(204);
    }

    private static RequestSpecification asApp(String userId) {
        return given().header("X-API-Key", SiblingDoubles.API_KEY).header("X-User-ID", userId);
    }

    private static Map<String, Object> node(String title) {
        return Map.of("type", "note", "title", title);
    }

    @Test
    void callsWhenProfileCoversOnlyReadThenListWorksAndWriteIsInsufficientScope() {
        String user = UUID.randomUUID().toString();
        grant(user, "read:nodes profile");
        asApp(user).get("/api/v1/nodes").then().statusCode(200).body("data", hasSize(0));
        asApp(user).contentType(ContentType.JSON).body(node("x")).post("/api/v1/nodes").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void callsWhenProfileEditedThenNewPermissionsApplyWithinFiveSecondsButNeverBeyondTheAppsRequest() {
        String user = UUID.randomUUID().toString();
        grant(user, "read:nodes");
        asApp(user).contentType(ContentType.JSON).body(node("x")).post("/api/v1/nodes").then().statusCode(403);

        grant(user, "read:nodes write:nodes delete:nodes");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                asApp(user).contentType(ContentType.JSON).body(node("created by app")).post("/api/v1/nodes")
                        .then().statusCode(201));
        String id = asApp(user).get("/api/v1/nodes").then().statusCode(200)
                .body("data[0].title", equalTo("created by app")).extract().path("data[0].id");
        // The profile allows delete:nodes, the app never asked for it: the intersection refuses.
        asApp(user).delete("/api/v1/nodes/" + id).then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void callsWhenGrantRevokedThenAccessDeniedWithinFiveSeconds() {
        String user = UUID.randomUUID().toString();
        grant(user, "read:nodes");
        asApp(user).get("/api/v1/nodes").then().statusCode(200);
        grant(user, "");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                asApp(user).get("/api/v1/nodes").then().statusCode(403).body("error", equalTo("access_denied")));
    }

    @Test
    void callsWhenUserNeverAuthorizedTheAppThenAccessDeniedAndTheirDataStaysHidden() {
        String stranger = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.sign(TestTokens.accessToken(stranger, "gatehouse", "write:nodes")))
                .contentType(ContentType.JSON).body(node("secret")).post("/api/v1/nodes").then().statusCode(201);
        asApp(stranger).get("/api/v1/nodes").then().statusCode(403).body("error", equalTo("access_denied"));

        String consenting = UUID.randomUUID().toString();
        grant(consenting, "read:nodes");
        asApp(consenting).get("/api/v1/nodes").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void callsWhenKeyBadThenInvalidClient() {
        String user = UUID.randomUUID().toString();
        grant(user, "read:nodes");
        String wrongSecret = "gh_tp_" + SiblingDoubles.KEY_ID + ".wrong-wrong-wrong-wrong-wrong-wrong-wrong-w";
        for (String key : new String[]{wrongSecret, "gh_tp_UnknownKey1.s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3",
                "not-a-key", SiblingDoubles.API_KEY + "x"}) {
            given().header("X-API-Key", key).header("X-User-ID", user).get("/api/v1/nodes").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("ApiKey"))
                    .body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void callsWhenHeadersMissingOrAmbiguousThenInvalidRequest() {
        given().header("X-API-Key", SiblingDoubles.API_KEY).get("/api/v1/nodes").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().header("X-API-Key", SiblingDoubles.API_KEY).header("X-User-ID", "not-a-uuid")
                .get("/api/v1/nodes").then().statusCode(400);
        String user = UUID.randomUUID().toString();
        asApp(user).auth().oauth2(TestTokens.sign(TestTokens.accessToken(user, "gatehouse", "read")))
                .get("/api/v1/nodes").then().statusCode(400).body("error", equalTo("invalid_request"));
    }
}
