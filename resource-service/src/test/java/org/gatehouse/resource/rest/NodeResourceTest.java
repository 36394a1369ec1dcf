package org.gatehouse.resource.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class NodeResourceTest {

    private static String tokenFor(String userId, String scope) {
        return TestTokens.sign(TestTokens.accessToken(userId, "app-1", scope));
    }

    private static String create(String token, String type, String title, List<String> tags) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", type, "title", title, "content", "body of " + title, "tags", tags))
                .post("/api/v1/nodes").then().statusCode(201)
                .header("Location", startsWith("http://localhost:8080/api/v1/nodes/"))
                .body("title", equalTo(title)).extract().path("id");
    }

    @Test
    void crudWhenOwnerHasScopesThenEachOperationWorks() {
        String user = UUID.randomUUID().toString();
        String token = tokenFor(user, "read write");
        String id = create(token, "note", "First", List.of("a", "b"));

        given().auth().oauth2(token).get("/api/v1/nodes/" + id).then().statusCode(200)
                .body("type", equalTo("note")).body("tags", equalTo(List.of("a", "b")))
                .body("content", equalTo("body of First"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "Renamed"))
                .patch("/api/v1/nodes/" + id).then().statusCode(200)
                .body("title", equalTo("Renamed")).body("content", equalTo("body of First"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", "task", "title", "Replaced"))
                .put("/api/v1/nodes/" + id).then().statusCode(200)
                .body("type", equalTo("task")).body("content", equalTo("")).body("tags", hasSize(0));
        given().auth().oauth2(token).delete("/api/v1/nodes/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/nodes/" + id).then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void listWhenManyNodesThenCursorWalksEveryNodeOnceNewestFirst() {
        String token = tokenFor(UUID.randomUUID().toString(), "read:nodes write:nodes");
        for (int i = 0; i < 7; i++) {
            create(token, i % 2 == 0 ? "note" : "task", "n" + i, List.of(i < 3 ? "early" : "late"));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/nodes").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id");
            if (pages == 0) {
                assertEquals("n6", page.getString("data[0].title"));
            }
            ids.forEach(id -> assertEquals(true, seen.add(id), "node listed twice"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(7, seen.size());
        assertEquals(3, pages);

        given().auth().oauth2(token).queryParam("type", "task").get("/api/v1/nodes").then().statusCode(200)
                .body("data", hasSize(3));
        given().auth().oauth2(token).queryParam("tag", "early").get("/api/v1/nodes").then().statusCode(200)
                .body("data", hasSize(3)).body("next_cursor", nullValue());
    }

    @Test
    void getWhenAnotherUsersNodeThenNotFoundAndNotListed() {
        String owner = tokenFor(UUID.randomUUID().toString(), "read write delete:nodes");
        String other = tokenFor(UUID.randomUUID().toString(), "read write delete:nodes");
        String id = create(owner, "note", "private", List.of());

        given().auth().oauth2(other).get("/api/v1/nodes/" + id).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("title", "hijack"))
                .patch("/api/v1/nodes/" + id).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/nodes/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/nodes").then().statusCode(200).body("data", hasSize(0));
        given().auth().oauth2(owner).get("/api/v1/nodes/" + id).then().statusCode(200).body("title", equalTo("private"));
    }

    @Test
    void writeWhenOnlyReadScopeThenInsufficientScopeAndNothingStored() {
        String user = UUID.randomUUID().toString();
        given().auth().oauth2(tokenFor(user, "read")).contentType(ContentType.JSON)
                .body(Map.of("type", "note", "title", "x")).post("/api/v1/nodes").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().auth().oauth2(tokenFor(user, "read")).get("/api/v1/nodes").then().statusCode(200)
                .body("data", hasSize(0));
    }

    @Test
    void deleteWhenWriteButNoDeleteScopeThenInsufficientScope() {
        String user = UUID.randomUUID().toString();
        String id = create(tokenFor(user, "write:nodes"), "note", "keep", List.of());
        given().auth().oauth2(tokenFor(user, "write:nodes read:nodes")).delete("/api/v1/nodes/" + id)
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void requestsWhenMalformedThenClearClientErrors() {
        String token = tokenFor(UUID.randomUUID().toString(), "read write");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\": ")
                .post("/api/v1/nodes").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "no type"))
                .post("/api/v1/nodes").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "Bad Type!", "title", "t")).post("/api/v1/nodes").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("hello")
                .post("/api/v1/nodes").then().statusCode(415).body("error", equalTo("unsupported_media_type"));
        given().auth().oauth2(token).queryParam("cursor", "!!garbage!!").get("/api/v1/nodes").then().statusCode(400);
        given().auth().oauth2(token).queryParam("limit", 1000).get("/api/v1/nodes").then().statusCode(400);
        given().auth().oauth2(token).get("/api/v1/nodes/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listWhenNoTokenOrAppTokenThenRefused() {
        given().get("/api/v1/nodes").then().statusCode(401).body("error", equalTo("invalid_token"));
        String appToken = TestTokens.sign(TestTokens.accessToken("app-1", "app-1", "read"));
        given().auth().oauth2(appToken).get("/api/v1/nodes").then().statusCode(403).body("error", equalTo("access_denied"));
    }
}
