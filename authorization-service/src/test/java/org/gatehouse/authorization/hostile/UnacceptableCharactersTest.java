package org.gatehouse.authorization.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL, another control character or bytes that are not UTF-8 in a query parameter is the client's mistake: the
 * request gets the 400 error page (JSON on the APIs) before anything reaches registration-service or PostgreSQL,
 * never 503 "temporarily unavailable", which would report a sibling as down (and let anyone fake an outage).
 */
@QuarkusTest
class UnacceptableCharactersTest {

    /** U+202E (right-to-left override), NUL, U+1F4A5: what a new user's first hour produced. */
    private static final String NUL_AND_BIDI = "%E2%80%AE%00%F0%9F%92%A5";
    private static final List<String> PAGES = List.of("/oauth/authorize", "/api/authorize", "/api/authorize.php",
            "/login", "/api/v1/authorize");

    @Inject
    RegistrationGateway registration;

    /** The exact request of the finding: before, 503 "temporarily unavailable" as registration refused the NUL. */
    @Test
    void authorizeWhenClientIdCarriesNulAndBidiOverrideThenErrorPageNotTemporarilyUnavailable() {
        Reply reply = get("/oauth/authorize", "client_id=" + NUL_AND_BIDI + "&response_type=code");
        assertErrorPage(reply);
    }

    @Test
    void pagesWhenAnyQueryParameterCarriesControlCharactersOrInvalidUtf8ThenErrorPage() {
        for (String path : PAGES) {
            for (String value : List.of(NUL_AND_BIDI, "web-app%0A", "%09", "%1B%5B31m", "%7F", "%C0%AF", "%FF",
                    "%ED%A0%80", "%E2%80")) {
                assertErrorPage(get(path, "response_type=code&client_id=" + TestClients.WEB + "&state=" + value));
                assertErrorPage(get(path, "client_id=" + value + "&response_type=code"));
            }
        }
    }

    @Test
    void apisWhenQueryParameterCarriesNulThenInvalidRequestJson() {
        for (String path : List.of("/api/v1/exposure-profiles", "/api/v1/authorizations", "/internal/sessions/current")) {
            Reply reply = get(path, "x=" + NUL_AND_BIDI, "application/json");
            assertEquals(400, reply.status(), path + " " + reply.body());
            assertTrue(reply.isJsonError() && reply.body().contains("\"invalid_request\""), reply.body());
        }
    }

    /** Unicode itself is fine: the same characters without the NUL reach the client lookup (an unknown client). */
    @Test
    void authorizeWhenClientIdIsWellFormedUnicodeThenUnknownClientPage() {
        Reply reply = get("/oauth/authorize", "client_id=%E2%80%AE%F0%9F%92%A5&response_type=code");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("<code id=\"error-code\">invalid_client</code>"), reply.body());
    }

    /**
     * A value registration-service refuses (400) is a client it does not know, not an outage: twenty such lookups
     * in a row are each "not registered", and a real client is still found at once.
     */
    @Test
    void findClientWhenRegistrationRefusesTheIdWith400ThenUnknownNotUnavailable() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), registration.findClient("\u202e\u0000" + i));
        }
        assertTrue(registration.findClient(TestClients.WEB).isPresent());
    }

    private static Reply get(String path, String rawQuery) {
        return get(path, rawQuery, "text/html");
    }

    private static Reply get(String path, String rawQuery, String accept) {
        return HostileHttp.send(RestAssured.baseURI + ":" + RestAssured.port,
                new Attack("GET", path, rawQuery, "", "", Map.of("Accept", accept)));
    }

    private static void assertErrorPage(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.isHtml(), reply.contentType());
        assertTrue(reply.body().contains("<code id=\"error-code\">invalid_request</code>"), reply.body());
        assertFalse(reply.body().contains("Temporarily unavailable"), reply.body());
    }
}
