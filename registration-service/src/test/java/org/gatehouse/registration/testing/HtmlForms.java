package org.gatehouse.registration.testing;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** What a browser would read from this service's pages: hidden CSRF fields, the security headers. */
public final class HtmlForms {

    public static final String CSRF_COOKIE = "gatehouse_registration_csrf";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final Pattern API_KEY = Pattern.compile("<code id=\"api-key\"[^>]*>([^<]+)</code>");

    private HtmlForms() {
    }

    public static String csrfToken(ExtractableResponse<Response> page) {
        return group(CSRF_FIELD, page.body().asString());
    }

    public static String apiKey(String html) {
        return group(API_KEY, html);
    }

    /** The headers every page and redirect must carry. */
    public static ValidatableResponse assertSecurityHeaders(ValidatableResponse response) {
        return response
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("frame-ancestors 'none'")))
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    private static String group(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("No match for " + pattern + " in:\n" + html);
        }
        return matcher.group(1);
    }
}
