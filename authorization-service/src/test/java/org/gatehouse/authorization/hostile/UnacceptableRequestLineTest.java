package org.gatehouse.authorization.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.RawValue;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes a request target may not hold, written on a socket as a hand-made client writes them (no HTTP client sends
 * them): a raw byte that is not ASCII (0xFF, or UTF-8 {@code é}, which reached registration-service re-encoded as
 * {@code %C3%83%C2%A9}), a broken escape ({@code %ZZ}, a trailing {@code %}), a raw NUL, ESC, DEL or C1 control
 * byte (before: Quarkus' own URI check answered an empty 400, neither page nor JSON), a C1 control percent-encoded
 * ({@code %C2%85}, which reached the client lookup). The pages answer with their 400 error page, the JSON APIs and
 * unknown paths with {@code invalid_request}; no client is looked up and nothing is stored.
 */
@QuarkusTest
class UnacceptableRequestLineTest {

    private static final List<String> PAGES = List.of("/oauth/authorize", "/api/authorize", "/api/authorize.php",
            "/login", "/api/v1/authorize");
    private static final List<String> TABLES = List.of("\"authorization\".login_session",
            "\"authorization\".consent", "\"authorization\".authorization_code",
            "\"authorization\".exposure_profile", "\"authorization\".third_party_grant");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pagesWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenErrorPageAndNoClientLookup() {
        long lookups = SiblingServicesResource.clientLookups();
        for (String path : PAGES) {
            for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
                assertErrorPage(get(concat(ascii(path + "?response_type=code&client_id="), value.bytes())), value);
                assertErrorPage(get(concat(ascii(path + "?response_type=code&client_id=" + TestClients.WEB
                        + "&state="), value.bytes())), value);
            }
        }
        assertEquals(lookups, SiblingServicesResource.clientLookups(), "no client was looked up");
    }

    /** A correct sign-in form does not make a malformed request line acceptable: nothing is checked or stored. */
    @Test
    void loginWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenErrorPageAndNothingChecked() {
        Browser browser = new Browser();
        String token = Browser.csrfToken(browser.get("/login").body().asString());
        String cookie = Browser.LOGIN_CSRF_COOKIE + "=" + browser.cookie(Browser.LOGIN_CSRF_COOKIE);
        String user = TestAccounts.fresh("line");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        byte[] form = ascii("csrf_token=" + token + "&username=" + user + "&password=" + TestAccounts.PASSWORD);
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            Reply reply = HostileHttp.sendRaw(base(), "POST", concat(ascii("/login?return_to="), value.bytes()),
                    Map.of("Accept", "text/html", "Cookie", cookie,
                            "Content-Type", "application/x-www-form-urlencoded"), form);
            assertErrorPage(reply, value);
        }
        assertEquals(List.of(), SiblingServicesResource.passwordChecks(user));
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    @Test
    void apisWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestJson() {
        for (String path : List.of("/api/v1/exposure-profiles", "/api/v1/authorizations", "/internal/sessions/current")) {
            for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
                assertInvalidRequestJson(HostileHttp.sendRaw(base(), "GET", concat(ascii(path + "?x="), value.bytes()),
                        Map.of("Accept", "application/json"), new byte[0]), value);
            }
        }
    }

    /** A path that breaks the rules names no endpoint: the router answers it with the JSON body, as any unknown path. */
    @Test
    void requestWhenPathCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestJson() {
        long lookups = SiblingServicesResource.clientLookups();
        for (String path : List.of("/oauth/authorize", "/login/")) {
            for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
                assertInvalidRequestJson(get(concat(ascii(path), value.bytes(),
                        ascii("?response_type=code&client_id=" + TestClients.WEB))), value);
            }
        }
        assertEquals(lookups, SiblingServicesResource.clientLookups(), "no client was looked up");
    }

    /**
     * A raw HTAB is where Netty's decoder splits the request line; the third word is then no HTTP version, and Vert.x
     * answers with its default invalid-request handler (a bare 400) before Quarkus sees the request. Quarkus never
     * sets the server's handler for this, so no application code can shape that answer; it still refuses the request
     * and reaches nothing.
     */
    @Test
    void authorizeWhenRequestTargetHoldsRawTabThenRefusedBeforeAnyHandler() {
        long lookups = SiblingServicesResource.clientLookups();
        Reply reply = get(concat(ascii("/oauth/authorize?response_type=code&client_id="), HostileHttp.RAW_TAB.bytes()));
        assertEquals(400, reply.status(), reply.body());
        assertEquals(lookups, SiblingServicesResource.clientLookups(), "no client was looked up");
    }

    private static Reply get(byte[] target) {
        return HostileHttp.sendRaw(base(), "GET", target, Map.of("Accept", "text/html"), new byte[0]);
    }

    private static void assertErrorPage(Reply reply, RawValue value) {
        assertEquals(400, reply.status(), value + ": " + reply.body());
        assertTrue(reply.isHtml(), value + ": " + reply.contentType());
        assertTrue(reply.body().contains("<code id=\"error-code\">invalid_request</code>"), value + ": " + reply.body());
        assertFalse(reply.body().contains("Temporarily unavailable"), reply.body());
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
