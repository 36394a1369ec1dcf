package org.gatehouse.authorization.testing;

import io.restassured.http.Cookie;
import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cookie-keeping user agent that drives the pages the way a browser would, one response at a time. */
public final class Browser {

    public static final String SESSION_COOKIE = "gatehouse_session";
    public static final String LOGIN_CSRF_COOKIE = "gatehouse_login_csrf";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** GET a path whose query is already encoded (as in a Location header); redirects are not followed. */
    public Response get(String pathAndQuery) {
        Response response = given().redirects().follow(false).urlEncodingEnabled(false).cookies(cookies)
                .get(pathAndQuery);
        remember(response);
        return response;
    }

    public Response post(String path, Map<String, String> form) {
        Response response = given().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).post(path);
        remember(response);
        return response;
    }

    /** POST a form whose fields may repeat (checkboxes): name, value, name, value... */
    public Response post(String path, java.util.List<String> nameValues) {
        var request = given().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        for (int i = 0; i < nameValues.size(); i += 2) {
            request = request.formParam(nameValues.get(i), nameValues.get(i + 1));
        }
        Response response = request.post(path);
        remember(response);
        return response;
    }

    /** Signs in through the login form; returns the response to the form submission. */
    public Response login(String username, String password, String returnTo) {
        Response page = get(returnTo == null ? "/login" : "/login?return_to=" + encode(returnTo));
        assertEquals(200, page.statusCode(), "login page");
        Map<String, String> form = new LinkedHashMap<>(hiddenFields(page.body().asString()));
        form.put("username", username);
        form.put("password", password);
        return post("/login", form);
    }

    public void loginOrFail(String username) {
        Response response = login(username, TestAccounts.PASSWORD, null);
        assertEquals(303, response.statusCode(), "login of " + username);
        assertNotNull(cookies.get(SESSION_COOKIE));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public static String csrfToken(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "page has a csrf_token field");
        return unescape(m.group(1));
    }

    /** The hidden inputs of the page's first form, unescaped. */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.putIfAbsent(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    /** The value of {@code attribute} on the element with {@code id}, unescaped; fails when there is none. */
    public static String unescapedAttribute(String html, String id, String attribute) {
        Matcher m = Pattern.compile("<[a-z]+ id=\"" + Pattern.quote(id) + "\"[^>]* " + Pattern.quote(attribute)
                + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "page has #" + id + " with " + attribute);
        return unescape(m.group(1));
    }

    /** The query parameters of a redirect target, decoded. */
    public static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code /oauth/authorize?...} from name/value pairs. */
    public static String authorizePath(String... nameValues) {
        return pathWithQuery("/oauth/authorize", nameValues);
    }

    public static String pathWithQuery(String path, String... nameValues) {
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i < nameValues.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
        }
        return uri.toString();
    }

    private void remember(Response response) {
        for (Cookie cookie : response.detailedCookies()) {
            if (cookie.getMaxAge() == 0 || cookie.getValue() == null || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
