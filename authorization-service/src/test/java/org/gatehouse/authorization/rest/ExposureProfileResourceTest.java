package org.gatehouse.authorization.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /api/v1/exposure-profiles} with first-party bearer tokens. The JWKS stand-in declared here serves every
 * test class (Quarkus OIDC verifies all bearer tokens of the module's tests against it); token-service's denylist
 * feed is {@link SiblingServicesResource}'s.
 */
@QuarkusTest
@QuarkusTestResource(value = TestJwksResource.class,
        initArgs = @ResourceArg(name = TestJwksResource.DENYLIST_FEED, value = "false"))
class ExposureProfileResourceTest {

    private static final String PROFILES = "/api/v1/exposure-profiles";

    @Test
    void handleWhenTokenRevokedThenRefusedWithinFiveSeconds() {
        String jti = UUID.randomUUID().toString();
        String bearer = "Bearer " + TestTokens.sign(TestTokens.accessToken(TestAccounts.idOf(TestAccounts.fresh("revoked")),
                Permissions.FIRST_PARTY_CLIENT_ID, Permissions.format(Permissions.FIRST_PARTY_SCOPES)).claim("jti", jti));
        given().header("Authorization", bearer).get(PROFILES).then().statusCode(200);

        SiblingServicesResource.revokeAccessToken(jti);

        // platform-common's RevocationPoller reads token-service's denylist (here its double) every second.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", bearer).get(PROFILES).then().statusCode(401)
                        .body("error", equalTo("invalid_token")));
    }

    @Test
    void handleWhenNewUserListsThenDefaultsBasicAndEverything() {
        String user = TestAccounts.fresh("defaults");
        given().header("Authorization", FirstPartyTokens.bearerFor(user)).get(PROFILES)
                .then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].name", equalTo("Basic"))
                .body("[0].permissions", equalTo(List.of("profile", "read:accounts")))
                .body("[1].name", equalTo("Everything"))
                .body("[1].permissions", equalTo(Permissions.GRANULAR));
    }

    @Test
    void handleWhenCreatedThen201WithLocationAndAliasesExpanded() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("create"));
        Response created = create(bearer, Map.of("name", "  Reader  ", "permissions", List.of("read", "profile")));
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.path("id");
        assertEquals("http://localhost:8080/api/v1/exposure-profiles/" + id, created.header("Location"));
        assertEquals("Reader", created.path("name"));
        assertEquals(List.of("profile", "read:accounts", "read:nodes"), created.path("permissions"));

        given().header("Authorization", bearer).get(PROFILES + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo("Reader"))
                .body("permissions", equalTo(List.of("profile", "read:accounts", "read:nodes")));
        given().header("Authorization", bearer).get(PROFILES).then().statusCode(200)
                .body("name", equalTo(List.of("Basic", "Everything", "Reader")));
    }

    @Test
    void handleWhenPermissionUnknownThenInvalidRequest() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("unknown"));
        create(bearer, Map.of("name", "Odd", "permissions", List.of("read:nodes", "launch:rockets")))
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("launch:rockets"));
        create(bearer, Map.of("name", "Compat", "permissions", List.of("follow")))
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", bearer).get(PROFILES).then().body("", hasSize(2));
    }

    @Test
    void handleWhenNameMissingBlankOrTooLongThenInvalidRequest() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("names"));
        create(bearer, Map.of("permissions", List.of())).then().statusCode(400).body("error", equalTo("invalid_request"));
        create(bearer, Map.of("name", "   ", "permissions", List.of())).then().statusCode(400);
        create(bearer, Map.of("name", "x".repeat(101), "permissions", List.of())).then().statusCode(400);
        create(bearer, Map.of("name", "No permissions field")).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().header("Authorization", bearer).contentType(ContentType.JSON).body("{\"name\":").post(PROFILES)
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenNameTakenIgnoringCaseThenConflict() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("dup"));
        create(bearer, Map.of("name", "basic", "permissions", List.of("profile")))
                .then().statusCode(409).body("error", equalTo("conflict"));
        String id = create(bearer, Map.of("name", "Mine", "permissions", List.of())).path("id");
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("name", "EVERYTHING", "permissions", List.of())).put(PROFILES + "/" + id)
                .then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void handleWhenReplacedThenNewNameAndPermissions() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("put"));
        String id = create(bearer, Map.of("name", "Draft", "permissions", List.of("profile"))).path("id");
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("id", "ignored", "name", "draft", "permissions", List.of("write", "read:nodes")))
                .put(PROFILES + "/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("draft"))
                .body("permissions", equalTo(List.of("read:nodes", "write:nodes", "delete:nodes")));
        given().header("Authorization", bearer).get(PROFILES + "/" + id).then()
                .body("permissions", equalTo(List.of("read:nodes", "write:nodes", "delete:nodes")));
    }

    @Test
    void handleWhenDeletedThenGoneAndDefaultsDoNotComeBack() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("delete"));
        List<String> ids = given().header("Authorization", bearer).get(PROFILES).path("id");
        for (String id : ids) {
            given().header("Authorization", bearer).delete(PROFILES + "/" + id).then().statusCode(204);
        }
        given().header("Authorization", bearer).get(PROFILES + "/" + ids.get(0)).then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", bearer).delete(PROFILES + "/" + ids.get(0)).then().statusCode(404);
        given().header("Authorization", bearer).get(PROFILES).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void handleWhenAnotherUsersProfileThenNotFound() {
        String owner = FirstPartyTokens.bearerFor(TestAccounts.fresh("owner"));
        String other = FirstPartyTokens.bearerFor(TestAccounts.fresh("other"));
        String id = create(owner, Map.of("name", "Private", "permissions", List.of("read:nodes"))).path("id");

        given().header("Authorization", other).get(PROFILES + "/" + id).then().statusCode(404);
        given().header("Authorization", other).contentType(ContentType.JSON)
                .body(Map.of("name", "Stolen", "permissions", List.of())).put(PROFILES + "/" + id)
                .then().statusCode(404);
        given().header("Authorization", other).delete(PROFILES + "/" + id).then().statusCode(404);
        given().header("Authorization", other).get(PROFILES).then().body("name", equalTo(List.of("Basic", "Everything")));
        given().header("Authorization", owner).get(PROFILES + "/" + id).then().statusCode(200)
                .body("name", equalTo("Private")).body("permissions", equalTo(List.of("read:nodes")));
        given().header("Authorization", owner).get(PROFILES + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void handleWhenNoTokenThenInvalidToken() {
        given().get(PROFILES).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "permissions", List.of())).post(PROFILES)
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void handleWhenTokenInvalidExpiredOrNotAnAccessTokenThenInvalidToken() {
        String user = TestAccounts.fresh("badtoken");
        given().header("Authorization", "Bearer not.a.jwt").get(PROFILES).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        long past = Instant.now().getEpochSecond() - 3600;
        String expired = TestTokens.sign(TestTokens.accessToken(TestAccounts.idOf(user),
                Permissions.FIRST_PARTY_CLIENT_ID, "profile").issuedAt(past - 60).expiresAt(past));
        given().header("Authorization", "Bearer " + expired).get(PROFILES).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().header("Authorization", FirstPartyTokens.idTokenTypedBearerFor(user)).get(PROFILES)
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void handleWhenAppTokenNotFirstPartyThenAccessDenied() {
        String user = TestAccounts.fresh("apptoken");
        given().header("Authorization", FirstPartyTokens.appBearerFor(user, "web-app")).get(PROFILES)
                .then().statusCode(403).body("error", equalTo("access_denied"));
        given().header("Authorization", FirstPartyTokens.appBearerFor(user, "web-app")).contentType(ContentType.JSON)
                .body(Map.of("name", "Sneaky", "permissions", List.of("read"))).post(PROFILES)
                .then().statusCode(403).body("error", equalTo("access_denied"));
        given().header("Authorization", FirstPartyTokens.bearerFor(user)).get(PROFILES).then().statusCode(200)
                .body("name", equalTo(List.of("Basic", "Everything")));
    }

    @Test
    void handleWhenBodyIsNotJsonThenUnsupportedMediaType() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("mediatype"));
        given().header("Authorization", bearer).contentType(ContentType.TEXT).body("name=x").post(PROFILES)
                .then().statusCode(415);
    }

    private static Response create(String bearer, Map<String, ?> body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body).post(PROFILES);
    }
}
