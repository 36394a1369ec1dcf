package org.gatehouse.resource.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.bytes;
import static org.gatehouse.testing.HostileHttp.concat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL, another control character or bytes that are not UTF-8 in a node's JSON ({@code \u0000} in a title, raw
 * bytes, a form body of them) is refused before the endpoint runs: 400 {@code invalid_request}, no node created or
 * changed. Before, the NUL reached PostgreSQL, which refused it. A line break in a node's content is text and kept.
 */
@QuarkusTest
class UnacceptableBodyTest {

    private static final String NODES = "/api/v1/nodes";

    private static List<byte[]> jsonStrings() {
        return List.of(ascii("\"x\\u0000y\""), ascii("\"x\\u001b[31m\""), ascii("\"x\\u007f\""), ascii("\"x\\ud800\""),
                bytes("\"x", 0x00, '"'), bytes("\"x", 0xC0, 0xAF, '"'), bytes("\"x", 0xFF, '"'));
    }

    @Test
    void createWhenTitleContentOrTagCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNoNode() {
        String token = token();
        for (byte[] value : jsonStrings()) {
            assertInvalidRequest(send("POST", NODES, "application/json", token,
                    concat(ascii("{\"type\":\"note\",\"title\":"), value, ascii("}"))));
            assertInvalidRequest(send("POST", NODES, "application/json", token,
                    concat(ascii("{\"type\":\"note\",\"title\":\"t\",\"content\":"), value, ascii("}"))));
            assertInvalidRequest(send("POST", NODES, "application/json", token,
                    concat(ascii("{\"type\":\"note\",\"title\":\"t\",\"tags\":[\"a\","), value, ascii("]}"))));
        }
        // A form is no node's format (415), but its bad bytes are refused first, like any body's.
        assertInvalidRequest(send("POST", NODES, "application/x-www-form-urlencoded", token, ascii("title=x%00")));
        given().auth().oauth2(token).get(NODES).then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void updateWhenTitleCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNodeUnchanged() {
        String token = token();
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "note", "title", "Kept", "content", "as it was"))
                .post(NODES).then().statusCode(201).extract().path("id");
        for (byte[] value : jsonStrings()) {
            byte[] title = concat(ascii("{\"type\":\"note\",\"title\":"), value, ascii("}"));
            assertInvalidRequest(send("PUT", NODES + "/" + id, "application/json", token, title));
            assertInvalidRequest(send("PATCH", NODES + "/" + id, "application/json", token, title));
            assertInvalidRequest(send("PATCH", NODES + "/" + id, "application/merge-patch+json", token, title));
        }
        given().auth().oauth2(token).get(NODES + "/" + id).then().statusCode(200)
                .body("title", equalTo("Kept")).body("content", equalTo("as it was"));
    }

    /** Line breaks and tabs are text a body may hold: a multi-line note keeps them. */
    @Test
    void createWhenContentHasLineBreaksAndTabsThenStoredAsSent() {
        String token = token();
        String content = "first line\r\nsecond line\n\tindented";
        Reply reply = send("POST", NODES, "application/json", token, ascii("{\"type\":\"note\",\"title\":\"Lines\","
                + "\"content\":" + HostileHttp.jsonString(content) + "}"));
        assertEquals(201, reply.status(), reply.body());
        String id = JsonPath.from(reply.body()).getString("id");
        given().auth().oauth2(token).get(NODES + "/" + id).then().statusCode(200).body("content", equalTo(content));
    }

    private static String token() {
        return TestTokens.sign(TestTokens.accessToken(UUID.randomUUID().toString(), "app-1", "read write"));
    }

    private static void assertInvalidRequest(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.isJsonError(), reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), reply.body());
    }

    private static Reply send(String method, String path, String contentType, String token, byte[] body) {
        return HostileHttp.send(RestAssured.baseURI + ":" + RestAssured.port, new Attack(method, path, "", contentType,
                "", Map.of("Authorization", "Bearer " + token, "Accept", "application/json"), body));
    }
}
