package org.gatehouse.registration.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.bytes;
import static org.gatehouse.testing.HostileHttp.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL, another control character or bytes that are not UTF-8 in a form, JSON or multipart body (as {@code %00},
 * {@code \u0000} in a JSON string, a base64 part) is refused before any endpoint runs: 400 {@code invalid_request}
 * (the error page on the sign-up page), and no account or client is created. Before, the NUL reached PostgreSQL,
 * which refused it.
 */
@QuarkusTest
class UnacceptableBodyTest {

    private static final List<String> TABLES = List.of("registration.client", "registration.client_secret",
            "registration.account");
    private static final String BOUNDARY = "gatehouse-test-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String PASSWORD = "violet-harbour-lantern-42";

    @Inject
    AgroalDataSource dataSource;

    /** What each body format makes of "a NUL", "an escape sequence (ESC)" and "bytes that are not UTF-8". */
    private static List<byte[]> formValues() {
        return List.of(ascii("nul%00user"), ascii("esc%1B%5B31m"), ascii("del%7F"), ascii("bad%C0%AF"),
                ascii("bad%FF"), bytes("raw", 0x00), bytes("raw", 0xFF));
    }

    private static List<byte[]> jsonStrings() {
        return List.of(ascii("\"nul\\u0000user\""), ascii("\"esc\\u001b[31m\""), ascii("\"del\\u007f\""),
                ascii("\"lone\\ud800\""), bytes("\"raw", 0xC0, 0xAF, '"'), bytes("\"raw", 0xFF, '"'));
    }

    @Test
    void registerWhenFormOrJsonFieldCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNoAccount() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (byte[] value : formValues()) {
            assertInvalidRequestJson(post("/register", FORM, concat(ascii("user_secret=" + PASSWORD + "&user_id="), value)));
        }
        for (byte[] value : jsonStrings()) {
            assertInvalidRequestJson(post("/register", JSON, concat(ascii("{\"user_secret\":\"" + PASSWORD
                    + "\",\"user_id\":"), value, ascii("}"))));
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    @Test
    void registerClientWhenFormJsonOrMultipartFieldCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNoClient() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (byte[] value : formValues()) {
            assertInvalidRequestJson(post("/api/v1/apps", FORM,
                    concat(ascii("redirect_uris=https%3A%2F%2Fa.example%2Fcb&client_name="), value)));
        }
        for (byte[] value : jsonStrings()) {
            byte[] app = concat(ascii("{\"redirect_uris\":\"https://a.example/cb\",\"client_name\":"), value, ascii("}"));
            assertInvalidRequestJson(post("/api/v1/apps", JSON, app));
            byte[] dynamic = concat(ascii("{\"redirect_uris\":[\"https://a.example/cb\"],\"client_name\":"), value,
                    ascii("}"));
            assertInvalidRequestJson(post("/oauth/register", JSON, dynamic));
        }
        for (byte[] value : List.of(bytes("nul", 0x00), bytes("esc", 0x1B), bytes("bad", 0xFF))) {
            assertInvalidRequestJson(post("/api/v1/apps", MULTIPART, multipart(null, value)));
        }
        // A transfer encoding is undone first: base64 "bnVsAA==" is "nul" and a NUL.
        assertInvalidRequestJson(post("/api/v1/apps", MULTIPART, multipart("base64", ascii("bnVsAA=="))));
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /** The sign-up page is a browser's form: the error is a page, and no account is created. */
    @Test
    void signupWhenFieldCarriesNulControlOrInvalidUtf8ThenErrorPageAndNoAccount() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (byte[] value : formValues()) {
            Reply reply = post("/signup", FORM, concat(ascii("password=" + PASSWORD + "&csrf_token=x&username="), value),
                    "text/html");
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.isHtml(), reply.contentType());
            assertTrue(reply.body().contains("Request refused") && reply.body().contains("HTTP 400"), reply.body());
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /** A body that is not multipart, sent as multipart, is the client's mistake, never a 500. */
    @Test
    void registerClientWhenMultipartBodyIsNotMultipartThenInvalidRequest() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        byte[] form = ascii("client_name=x&redirect_uris=https%3A%2F%2Fa.example%2Fcb");
        assertInvalidRequestJson(post("/api/v1/apps", "multipart/form-data", form));
        assertInvalidRequestJson(post("/api/v1/apps", MULTIPART, form));
        assertInvalidRequestJson(post("/api/v1/apps", MULTIPART, ascii("--" + BOUNDARY + "\r\nContent-Disposition: "
                + "form-data; name=\"client_name\"\r\n\r\ncut off here")));
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /** Line breaks are text a body may hold: Mastodon's redirect_uris lists one URI per line, in every format. */
    @Test
    void registerClientWhenRedirectUrisSeparatedByLineBreaksThenEachRegistered() {
        String uris = "https://a.example/cb\r\nurn:ietf:wg:oauth:2.0:oob\n\thttps://b.example/cb";
        List<Reply> replies = List.of(
                post("/api/v1/apps", FORM, ascii("client_name=Lines&redirect_uris="
                        + java.net.URLEncoder.encode(uris, StandardCharsets.UTF_8))),
                post("/api/v1/apps", JSON, ascii("{\"client_name\":\"Lines\",\"redirect_uris\":"
                        + HostileHttp.jsonString(uris) + "}")),
                post("/api/v1/apps", MULTIPART, concat(part("client_name", ascii("Lines")),
                        part("redirect_uris", uris.getBytes(StandardCharsets.UTF_8)), ascii("--" + BOUNDARY + "--\r\n"))));
        for (Reply reply : replies) {
            assertEquals(200, reply.status(), reply.body());
            assertEquals(List.of("https://a.example/cb", "urn:ietf:wg:oauth:2.0:oob", "https://b.example/cb"),
                    JsonPath.from(reply.body()).getList("redirect_uris"));
        }
    }

    private static void assertInvalidRequestJson(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.isJsonError(), reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), reply.body());
        assertFalse(reply.body().contains("PostgreSQL") || reply.body().contains("server_error"), reply.body());
    }

    private static Reply post(String path, String contentType, byte[] body) {
        return post(path, contentType, body, JSON);
    }

    private static Reply post(String path, String contentType, byte[] body, String accept) {
        return HostileHttp.send(RestAssured.baseURI + ":" + RestAssured.port,
                new Attack("POST", path, "", contentType, "", Map.of("Accept", accept), body));
    }

    private static byte[] multipart(String transferEncoding, byte[] clientName) {
        String headers = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"client_name\"\r\n"
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n") + "\r\n";
        return concat(part("redirect_uris", ascii("https://a.example/cb")), ascii(headers), clientName,
                ascii("\r\n--" + BOUNDARY + "--\r\n"));
    }

    private static byte[] part(String name, byte[] content) {
        return concat(ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"),
                content, ascii("\r\n"));
    }
}
