package org.gatehouse.token.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestAccounts;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.gatehouse.testing.HostileHttp.ascii;
import static org.gatehouse.testing.HostileHttp.bytes;
import static org.gatehouse.testing.HostileHttp.concat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL, another control character or bytes that are not UTF-8 in a token, revocation, introspection or
 * {@code /authenticate} body ({@code %00} in the form, {@code \u0000} in JSON) is refused before the endpoint runs:
 * 400 {@code invalid_request}, no token state stored, and registration-service is not asked about the client.
 */
@QuarkusTest
class UnacceptableBodyTest {

    private static final List<String> TABLES = List.of("token.token_family", "token.refresh_token",
            "token.family_access_token", "token.revoked_access_token", "token.used_assertion_jti");
    private static final AtomicInteger CALLER = new AtomicInteger();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = RegistrationDouble.URL_PROPERTY)
    String registrationUrl;

    private static List<byte[]> formValues() {
        return List.of(ascii("read%00"), ascii("read%1B%5B31m"), ascii("read%7F"), ascii("read%C0%AF"),
                ascii("read%FF"), bytes("read", 0x00), bytes("read", 0xFF));
    }

    private static List<byte[]> jsonStrings() {
        return List.of(ascii("\"read\\u0000\""), ascii("\"read\\u001b[31m\""), ascii("\"read\\u007f\""),
                ascii("\"read\\udc00\""), bytes("\"read", 0xC0, 0xAF, '"'), bytes("\"read", 0xFF, '"'));
    }

    @Test
    void tokenWhenFormOrJsonParameterCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNothingStored() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        String basic = OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET);
        for (String path : List.of("/oauth/token", "/api/token")) {
            for (byte[] value : formValues()) {
                assertInvalidRequest(post(path, FORM, concat(ascii("grant_type=client_credentials&scope="), value),
                        basic));
            }
            for (byte[] value : jsonStrings()) {
                assertInvalidRequest(post(path, JSON, concat(ascii("{\"grant_type\":\"client_credentials\",\"scope\":"),
                        value, ascii("}")), basic));
            }
        }
        assertNothingGrew(before);
    }

    /** The client is not even looked up: the request never reaches client authentication. */
    @Test
    void tokenWhenBodyCarriesNulThenRegistrationNotAskedAboutTheClient() {
        String clientId = "never-asked-" + System.nanoTime();
        assertInvalidRequest(post("/oauth/token", FORM, ascii("grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=x&scope=read%00"), null));
        assertInvalidRequest(post("/oauth/token", JSON, ascii("{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + clientId + "\",\"client_secret\":\"x\",\"scope\":\"read\\u0000\"}"), null));
        assertEquals("0", given().get(registrationUrl + "/_fixture/calls/" + clientId).asString());
    }

    @Test
    void revokeAndIntrospectWhenTokenCarriesNulControlOrInvalidUtf8ThenInvalidRequest() {
        String introspector = OAuthRequests.basic(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET);
        for (String path : List.of("/oauth/revoke", "/oauth/introspect")) {
            for (byte[] value : formValues()) {
                assertInvalidRequest(post(path, FORM, concat(ascii("token="), value), introspector));
            }
            for (byte[] value : jsonStrings()) {
                assertInvalidRequest(post(path, JSON, concat(ascii("{\"token\":"), value, ascii("}")), introspector));
            }
        }
    }

    @Test
    void authenticateWhenUserSecretCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNoTokens() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        String key = TestAccounts.ALICE.userKey();
        for (byte[] value : formValues()) {
            assertInvalidRequest(post("/authenticate", FORM, concat(ascii("user_key=" + key + "&user_secret="), value),
                    null));
        }
        for (byte[] value : jsonStrings()) {
            assertInvalidRequest(post("/authenticate", JSON, concat(ascii("{\"user_key\":\"" + key
                    + "\",\"user_secret\":"), value, ascii("}")), null));
        }
        assertNothingGrew(before);
    }

    private void assertNothingGrew(Map<String, Long> before) {
        // A table may shrink meanwhile: the scheduled cleanup deletes expired rows earlier tests left.
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, TABLES);
        before.forEach((table, count) -> assertTrue(after.get(table) <= count,
                () -> table + " grew from " + count + " to " + after.get(table)));
    }

    private static void assertInvalidRequest(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.isJsonError(), reply.contentType() + " " + reply.body());
        assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), reply.body());
    }

    /** Each request from its own address, so no throttle of another test is used up. */
    private static Reply post(String path, String contentType, byte[] body, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        int n = CALLER.incrementAndGet();
        headers.put("X-Forwarded-For", "10.78." + (n / 250) + "." + (n % 250 + 1));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return HostileHttp.send(RestAssured.baseURI + ":" + RestAssured.port,
                new Attack("POST", path, "", contentType, "", headers, body));
    }
}
