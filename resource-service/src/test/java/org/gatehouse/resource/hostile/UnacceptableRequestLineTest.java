package org.gatehouse.resource.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.RawValue;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.concat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes a request target may not hold, written on a socket as a hand-made client writes them: a raw byte that is not
 * ASCII (0xFF, UTF-8 {@code é}), a broken escape ({@code %ZZ}, a trailing {@code %}), a raw NUL, ESC, DEL or C1
 * control byte (before: Quarkus' own URI check answered an empty 400 without the JSON body), a C1 control
 * percent-encoded ({@code %C2%85}). Each gets 400 {@code invalid_request} and no node is created, even with a valid
 * token and body.
 */
@QuarkusTest
class UnacceptableRequestLineTest {

    private static final String NODES = "/api/v1/nodes";

    @Test
    void createWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestAndNoNode() {
        String token = token();
        byte[] node = ascii("{\"type\":\"note\",\"title\":\"t\"}");
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            assertInvalidRequest(send("POST", concat(ascii(NODES + "?x="), value.bytes()), token, node), value);
            assertInvalidRequest(send("GET", concat(ascii(NODES + "?cursor="), value.bytes()), token, new byte[0]),
                    value);
        }
        given().auth().oauth2(token).get(NODES).then().statusCode(200).body("data.size()", equalTo(0));
    }

    /** A path that breaks the rules names no endpoint: the router answers it, before any route matches. */
    @Test
    void getWhenPathCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequest() {
        String token = token();
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            assertInvalidRequest(send("GET", concat(ascii(NODES + "/"), value.bytes()), token, new byte[0]), value);
        }
    }

    /**
     * A raw HTAB splits the request line in Netty's decoder, and Vert.x's default invalid-request handler answers a
     * bare 400 before Quarkus sees the request (no application code can shape it); nothing is created.
     */
    @Test
    void createWhenRequestTargetHoldsRawTabThenRefusedBeforeAnyHandler() {
        String token = token();
        Reply reply = send("POST", concat(ascii(NODES + "?x="), HostileHttp.RAW_TAB.bytes()), token,
                ascii("{\"type\":\"note\",\"title\":\"t\"}"));
        assertEquals(400, reply.status(), reply.body());
        given().auth().oauth2(token).get(NODES).then().statusCode(200).body("data.size()", equalTo(0));
    }

    private static String token() {
        return TestTokens.sign(TestTokens.accessToken(UUID.randomUUID().toString(), "app-1", "read write"));
    }

    private static Reply send(String method, byte[] target, String token, byte[] body) {
        return HostileHttp.sendRaw(RestAssured.baseURI + ":" + RestAssured.port, method, target,
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                        "Content-Type", "application/json"), body);
    }

    private static void assertInvalidRequest(Reply reply, RawValue value) {
        assertEquals(400, reply.status(), value + ": " + reply.body());
        assertTrue(reply.isJsonError(), value + ": " + reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), value + ": " + reply.body());
    }
}
