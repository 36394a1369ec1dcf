package org.gatehouse.authorization.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.authorization.testing.Browser;
import org.gatehouse.authorization.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a TLS ingress (https public URL, {@code X-Forwarded-Proto: https} from the trusted proxy) every cookie of
 * the web pages is {@code Secure}, {@code HttpOnly}, {@code SameSite=Lax} and carries the {@code __Host-} prefix
 * (RFC 6265bis §4.1.3.2), so it never travels over plain http and no subdomain can plant one; the answers carry HSTS.
 * {@code POST /logout} always lands on {@code /login}, whatever return parameter is sent (no open redirect).
 */
@QuarkusTest
@TestProfile(SessionCookiesTest.BehindTlsIngress.class)
class SessionCookiesTest {

    private static final String SESSION = "__Host-gatehouse_session";
    private static final String LOGIN_CSRF = "__Host-gatehouse_login_csrf";

    public static class BehindTlsIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.public-url", "https://gatehouse.example",
                    "quarkus.oidc.token.issuer", "https://gatehouse.example",
                    "quarkus.oidc.token.audience", "https://gatehouse.example");
        }
    }

    private static RequestSpecification overTls() {
        return given().redirects().follow(false).header("X-Forwarded-Proto", "https");
    }

    @Test
    void loginWhenServedOverTlsThenEveryCookieSecureHttpOnlyLaxWithHostPrefix() {
        Response page = overTls().get("/login");
        assertEquals(200, page.statusCode());
        assertTrue(page.header("Strict-Transport-Security").startsWith("max-age="));
        String csrfCookie = cookieHeader(page, LOGIN_CSRF);
        assertHardened(csrfCookie);

        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(page.body().asString()));
        form.put("username", TestAccounts.ALICE);
        form.put("password", TestAccounts.PASSWORD);
        Response signedIn = overTls().cookie(LOGIN_CSRF, page.cookie(LOGIN_CSRF))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post("/login");
        assertEquals(303, signedIn.statusCode());
        assertHardened(cookieHeader(signedIn, SESSION));
        String session = signedIn.cookie(SESSION);

        String csrf = Browser.csrfToken(overTls().cookie(SESSION, session).get("/account").body().asString());
        for (String parameter : List.of("return_to", "next", "redirect_uri", "post_logout_redirect_uri")) {
            Response out = overTls().cookie(SESSION, session)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("csrf_token", csrf).formParam(parameter, "https://evil.example/")
                    .queryParam(parameter, "https://evil.example/")
                    .post("/logout");
            assertEquals(303, out.statusCode(), parameter);
            assertEquals("/login", out.header("Location"), parameter);
            assertHardened(cookieHeader(out, SESSION));
        }
    }

    @Test
    void loginWhenPlainHttpBehindHttpsPublicUrlThenRefusedWithoutCookie() {
        Response plain = given().redirects().follow(false).get("/login");
        assertEquals(400, plain.statusCode());
        assertEquals("HTTPS required", plain.jsonPath().getString("error_description"));
        assertTrue(plain.headers().getValues("Set-Cookie").isEmpty(), plain.headers().toString());
    }

    private static void assertHardened(String setCookie) {
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertTrue(!setCookie.toLowerCase().contains("domain="), setCookie);
    }

    private static String cookieHeader(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }
}
