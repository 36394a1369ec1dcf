package org.gatehouse.token.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.RawValue;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.token.support.RegistrationDouble;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes a request target may not hold, written on a socket as a hand-made client writes them: a raw byte that is not
 * ASCII (0xFF, UTF-8 {@code é}), a broken escape ({@code %ZZ}, a trailing {@code %}), a raw NUL, ESC, DEL or C1
 * control byte (before: Quarkus' own URI check answered an empty 400 without the JSON body), a C1 control
 * percent-encoded ({@code %C2%85}). Each gets 400 {@code invalid_request}; the client of a token request is not
 * looked up and no token state is stored.
 */
@QuarkusTest
class UnacceptableRequestLineTest {

    private static final List<String> TABLES = List.of("token.token_family", "token.refresh_token",
            "token.family_access_token", "token.revoked_access_token", "token.used_assertion_jti");
    private static final String FORM = "application/x-www-form-urlencoded";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = RegistrationDouble.URL_PROPERTY)
    String registrationUrl;

    @Test
    void tokenWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequestAndClientNotAsked() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        String clientId = "never-asked-" + System.nanoTime();
        byte[] form = ascii("grant_type=client_credentials&client_id=" + clientId + "&client_secret=x&scope=read");
        for (String path : List.of("/oauth/token", "/api/token", "/oauth/revoke", "/oauth/introspect", "/authenticate")) {
            for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
                assertInvalidRequest(HostileHttp.sendRaw(base(), "POST", concat(ascii(path + "?x="), value.bytes()),
                        Map.of("Content-Type", FORM, "Accept", "application/json"), form), value);
            }
        }
        assertEquals("0", given().get(registrationUrl + "/_fixture/calls/" + clientId).asString());
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, TABLES);
        // A table may shrink meanwhile: the scheduled cleanup deletes expired rows earlier tests left.
        before.forEach((table, count) -> assertTrue(after.get(table) <= count, table + " grew"));
    }

    @Test
    void discoveryWhenQueryCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequest() {
        for (String path : List.of("/oauth/jwks", "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server")) {
            for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
                assertInvalidRequest(get(concat(ascii(path + "?x="), value.bytes())), value);
            }
        }
    }

    /** A path that breaks the rules names no endpoint: the router answers it, before any route matches. */
    @Test
    void requestWhenPathCarriesRawNonAsciiBrokenEscapeOrControlBytesThenInvalidRequest() {
        for (RawValue value : HostileHttp.UNACCEPTABLE_QUERY_VALUES) {
            assertInvalidRequest(get(concat(ascii("/oauth/jwks/"), value.bytes())), value);
            assertInvalidRequest(get(concat(ascii("/oauth/token"), value.bytes())), value);
        }
    }

    /**
     * A raw HTAB splits the request line in Netty's decoder, and Vert.x's default invalid-request handler answers a
     * bare 400 before Quarkus sees the request (no application code can shape it); the request reaches nothing.
     */
    @Test
    void tokenWhenRequestTargetHoldsRawTabThenRefusedBeforeAnyHandler() {
        String clientId = "never-asked-" + System.nanoTime();
        Reply reply = HostileHttp.sendRaw(base(), "POST", concat(ascii("/oauth/token?x="), HostileHttp.RAW_TAB.bytes()),
                Map.of("Content-Type", FORM), ascii("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=x"));
        assertEquals(400, reply.status(), reply.body());
        assertEquals("0", given().get(registrationUrl + "/_fixture/calls/" + clientId).asString());
    }

    private static Reply get(byte[] target) {
        return HostileHttp.sendRaw(base(), "GET", target, Map.of("Accept", "application/json"), new byte[0]);
    }

    private static void assertInvalidRequest(Reply reply, RawValue value) {
        assertEquals(400, reply.status(), value + ": " + reply.body());
        assertTrue(reply.isJsonError(), value + ": " + reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), value + ": " + reply.body());
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
