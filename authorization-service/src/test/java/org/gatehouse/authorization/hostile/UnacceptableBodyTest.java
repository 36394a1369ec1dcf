package org.gatehouse.authorization.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.SiblingServicesResource;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NUL, another control character or bytes that are not UTF-8 in a form or JSON body ({@code %00} in the login
 * form, {@code \u0000} in a profile name) is refused before any endpoint runs: the pages (login, consent, the
 * authorization endpoint's form) answer with the 400 error page, the JSON API with 400 {@code invalid_request};
 * registration-service is not asked to check the credentials, and nothing is stored.
 */
@QuarkusTest
class UnacceptableBodyTest {

    private static final String PROFILES = "/api/v1/exposure-profiles";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<String> TABLES = List.of("\"authorization\".login_session",
            "\"authorization\".consent", "\"authorization\".authorization_code",
            "\"authorization\".exposure_profile", "\"authorization\".third_party_grant");
    private static final AtomicInteger CALLER = new AtomicInteger();

    @Inject
    AgroalDataSource dataSource;

    private static List<byte[]> formValues() {
        return List.of(ascii("x%00y"), ascii("x%1B%5B31m"), ascii("x%7F"), ascii("x%C0%AF"), ascii("x%FF"),
                bytes("x", 0x00), bytes("x", 0xFF));
    }

    @Test
    void loginWhenUsernameOrPasswordCarriesNulControlOrInvalidUtf8ThenErrorPageAndRegistrationNotAsked() {
        Browser browser = new Browser();
        String token = Browser.csrfToken(browser.get("/login").body().asString());
        String cookie = Browser.LOGIN_CSRF_COOKIE + "=" + browser.cookie(Browser.LOGIN_CSRF_COOKIE);
        String user = TestAccounts.fresh("bytes");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (byte[] value : formValues()) {
            assertErrorPage(post("/login", concat(ascii("csrf_token=" + token + "&password=x&username="), value),
                    cookie));
            assertErrorPage(post("/login", concat(ascii("csrf_token=" + token + "&username=" + user
                    + "&password="), value), cookie));
        }
        assertEquals(List.of(), SiblingServicesResource.passwordChecks(user));
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    @Test
    void pagesWhenFormFieldCarriesNulControlOrInvalidUtf8ThenErrorPage() {
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        for (String path : List.of("/oauth/authorize", "/api/authorize", "/consent", "/api/v1/authorize", "/logout")) {
            for (byte[] value : formValues()) {
                assertErrorPage(post(path, concat(ascii("response_type=code&client_id=" + TestClients.WEB
                        + "&state="), value), "gatehouse_session=x"));
            }
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    /**
     * Found by the hostile-bytes property: a form field of '=' alone made Quarkus REST's reader of a whole form (the
     * authorization endpoint's and the consent pages') fail with a 500.
     */
    @Test
    void pagesWhenFormFieldHasNoNameThenErrorPageNotServerError() {
        for (String path : List.of("/oauth/authorize", "/api/authorize.php", "/consent", "/api/v1/authorize")) {
            for (String body : List.of("=", "==", "client_id=" + TestClients.WEB + "&=")) {
                assertErrorPage(post(path, ascii(body), "gatehouse_session=x"));
            }
        }
    }

    @Test
    void createProfileWhenNameCarriesNulControlOrInvalidUtf8ThenInvalidRequestAndNoProfile() {
        String bearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("bytes"));
        // Listing once first lets the user's default profiles exist before counting.
        given().header("Authorization", bearer).get(PROFILES).then().statusCode(200);
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, TABLES);
        List<byte[]> names = List.of(ascii("\"x\\u0000y\""), ascii("\"x\\u001b[31m\""), ascii("\"x\\u007f\""),
                ascii("\"x\\ud800\""), bytes("\"x", 0xC0, 0xAF, '"'), bytes("\"x", 0xFF, '"'), bytes("\"x", 0x00, '"'));
        for (byte[] name : names) {
            Reply reply = HostileHttp.send(base(), new Attack("POST", PROFILES, "", "application/json", "",
                    Map.of("Authorization", bearer, "Accept", "application/json"),
                    concat(ascii("{\"permissions\":[\"read:nodes\"],\"name\":"), name, ascii("}"))));
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.isJsonError(), reply.contentType());
            assertEquals("invalid_request", JsonPath.from(reply.body()).getString("error"), reply.body());
        }
        assertEquals(before, HostileHttp.rowCounts(dataSource, TABLES));
    }

    private static void assertErrorPage(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.isHtml(), reply.contentType());
        assertTrue(reply.body().contains("<code id=\"error-code\">invalid_request</code>"), reply.body());
        assertFalse(reply.body().contains("Temporarily unavailable"), reply.body());
    }

    /** Each request from its own address, so no login throttle of another test is used up. */
    private static Reply post(String path, byte[] body, String cookie) {
        Map<String, String> headers = new LinkedHashMap<>();
        int n = CALLER.incrementAndGet();
        headers.put("X-Forwarded-For", "10.79." + (n / 250) + "." + (n % 250 + 1));
        headers.put("Accept", "text/html");
        headers.put("Cookie", cookie);
        return HostileHttp.send(base(), new Attack("POST", path, "", FORM, "", headers, body));
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
