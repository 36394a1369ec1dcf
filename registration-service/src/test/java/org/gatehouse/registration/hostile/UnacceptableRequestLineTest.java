package org.gatehouse.registration.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.RawValue;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes a request target may not hold, written on a socket as a hand-made client writes them: a raw byte that is not
 * ASCII (0xFF, UTF-8 {@code é}, which was taken as the ISO-8859-1 characters {@code Ã©}), a broken escape
 * ({@code %ZZ}, a trailing {@code %}), a raw NUL, ESC, DEL or C1 control byte (before: Quarkus' own URI check
 * answered an empty 400, neither page nor JSON), a C1 control percent-encoded ({@code %C2%85}). The sign-up page
 * answers with its 400 error page, the APIs and unknown paths with {@code invalid_request}, and no account or
 * client is created even when the body is a valid one.
 */
@QuarkusTest
class UnacceptableRequestLineTest {

    private static final List<String> TABLES = List.of("registration.client", "registration.client_secret",
            "registration.account");
    private static final String JSON = "application/json";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void registerWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestAndNothingCreated() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            String name = "line" + System.nanoTime();
            assertInvalidRequestJson(post(concat(ascii("/register?x="), value.bytes()), JSON, ascii("{\"user_id\":\""
                    + name + "\",\"user_secret\":\"violet-harbour-lantern-42\"}")), value);
            assertInvalidRequestJson(post(concat(ascii("/oauth/register?x="), value.bytes()), JSON,
                    ascii("{\"redirect_uris\":[\"https://a.example/cb\"],\"client_name\":\"" + name + "\"}")), value);
            assertInvalidRequestJson(post(concat(ascii("/api/v1/apps?x="), value.bytes()), JSON,
                    ascii("{\"redirect_uris\":\"https://a.example/cb\",\"client_name\":\"" + name + "\"}")), value);
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /** The sign-up page is a browser's: the error is its page, and no account is created. */
    @Test
    void signupWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenErrorPageAndNoAccount() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            assertErrorPage(HostileHttp.sendRaw(base(), "GET", concat(ascii("/signup?return_to="), value.bytes()),
                    Map.of("Accept", "text/html"), new byte[0]), value);
            assertErrorPage(HostileHttp.sendRaw(base(), "POST", concat(ascii("/signup?x="), value.bytes()),
                    Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
                    ascii("csrf_token=x&username=line" + System.nanoTime() + "&password=violet-harbour-lantern-42")),
                    value);
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /** A path that breaks the rules names no endpoint: the router answers it with the JSON body, as any unknown path. */
    @Test
    void requestWhenPathCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestJson() {
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            assertInvalidRequestJson(HostileHttp.sendRaw(base(), "GET", concat(ascii("/signup/"), value.bytes()),
                    Map.of("Accept", "text/html"), new byte[0]), value);
            assertInvalidRequestJson(HostileHttp.sendRaw(base(), "GET", concat(ascii("/api/v1/apps/"), value.bytes()),
                    Map.of("Accept", JSON), new byte[0]), value);
        }
    }

    /**
     * A raw HTAB splits the request line in Netty's decoder, and Vert.x's default invalid-request handler answers a
     * bare 400 before Quarkus sees the request (no application code can shape it); nothing is created.
     */
    @Test
    void registerWhenRequestTargetHoldsRawTabThenRefusedBeforeAnyHandler() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        Reply reply = post(concat(ascii("/register?x="), HostileHttp.RAW_TAB.bytes()), JSON,
                ascii("{\"user_id\":\"line" + System.nanoTime() + "\",\"user_secret\":\"violet-harbour-lantern-42\"}"));
        assertEquals(400, reply.status(), reply.body());
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    private static Reply post(byte[] target, String contentType, byte[] body) {
        return HostileHttp.sendRaw(base(), "POST", target, Map.of("Accept", JSON, "Content-Type", contentType), body);
    }

    private static void assertErrorPage(Reply reply, RawValue value) {
        assertEquals(400, reply.status(), value + ": " + reply.body());
        assertTrue(reply.isHtml(), value + ": " + reply.contentType());
        assertTrue(reply.body().contains("Request refused") && reply.body().contains("HTTP 400"),
                value + ": " + reply.body());
    }

    private static void assertInvalidRequestJson(Reply reply, RawValue value) {
        assertEquals(400, reply.status(), value + ": " + reply.body());
        assertTrue(reply.isJsonError(), value + ": " + reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), value + ": " + reply.body());
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
