package org.gatehouse.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sibling may call every internal endpoint: the attack a compromised or confused sibling makes (resource-service,
 * the one most exposed to third-party traffic, reading {@code client_secret_jwt} secrets, checking passwords or
 * revoking tokens). Each service's {@code InternalApiTest} extends this as a {@code @QuarkusTest} and states who may
 * call each of its internal endpoints; the endpoints themselves are read from the service's served OpenAPI document,
 * so a new one fails {@link #internalApiWhenServedEndpointsListedThenEachHasItsCallersStated} until its callers are
 * stated here too.
 */
public abstract class InternalApiContract {

    /** The four services, each of which signs its own service JWTs. */
    protected static final List<String> SIBLINGS =
            List.of("registration-service", "authorization-service", "token-service", "resource-service");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** This service's name: the audience of the service tokens sent to it. */
    protected abstract String service();

    /**
     * Who may call each internal endpoint, keyed {@code "<METHOD> <path template>"} as the OpenAPI document writes it
     * (e.g. {@code "GET /internal/clients/{client_id}"}).
     */
    protected abstract Map<String, Set<String>> callers();

    @Test
    void internalApiWhenServedEndpointsListedThenEachHasItsCallersStated() {
        assertEquals(new TreeSet<>(callers().keySet()), new TreeSet<>(servedInternalEndpoints()),
                "every internal endpoint served, and only those, has its callers stated");
    }

    @Test
    void internalApiWhenCalledByASiblingNotAllowedThenForbiddenBeforeTheResourceRuns() {
        for (String endpoint : servedInternalEndpoints()) {
            for (String sibling : SIBLINGS) {
                if (allowed(endpoint).contains(sibling)) {
                    continue;
                }
                HttpResponse<String> answer = send(method(endpoint), concretePath(endpoint), sibling);
                assertEquals(403, answer.statusCode(), sibling + " → " + endpoint + ": " + answer.body());
                assertEquals("access_denied", JsonPath.from(answer.body()).getString("error"), endpoint);
            }
        }
    }

    @Test
    void internalApiWhenReadByAnAllowedSiblingThenPassesTheGuard() {
        for (String endpoint : servedInternalEndpoints()) {
            if (!method(endpoint).equals("GET")) {
                continue; // only safe methods here: each resource's own tests call the others
            }
            for (String sibling : allowed(endpoint)) {
                HttpResponse<String> answer = send("GET", concretePath(endpoint), sibling);
                assertNotEquals(401, answer.statusCode(), sibling + " → " + endpoint + ": " + answer.body());
                assertNotEquals(403, answer.statusCode(), sibling + " → " + endpoint + ": " + answer.body());
            }
        }
    }

    @Test
    void internalApiWhenNoServiceTokenThenInvalidTokenOnEveryEndpoint() {
        for (String endpoint : servedInternalEndpoints()) {
            HttpResponse<String> answer = send(method(endpoint), concretePath(endpoint), null);
            assertEquals(401, answer.statusCode(), endpoint + ": " + answer.body());
            assertEquals("invalid_token", JsonPath.from(answer.body()).getString("error"), endpoint);
        }
    }

    /**
     * The guard must not depend on how the path is spelled: {@code //internal}, an encoded slash or letter, {@code ;}
     * parameters, dot segments and case. Without a token every spelling is 401; with a sibling's token that is not
     * allowed, a spelling the router matches is 403 and one it does not is the router's own 404, never the resource.
     */
    @Test
    void internalApiWhenPathSpelledDifferentlyThenStillGuarded() {
        List<String> paths = new ArrayList<>();
        servedInternalEndpoints().forEach(endpoint -> paths.add(method(endpoint) + " " + concretePath(endpoint)));
        if (paths.isEmpty()) {
            paths.add("GET /internal/anything");
        }
        String unmatched = JsonPath.from(send("GET", "/no-such-page", null).body()).getString("error_description");
        for (String request : paths) {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            String endpoint = servedInternalEndpoints().stream().filter(e -> concretePath(e).equals(path))
                    .findFirst().orElse(null);
            String notAllowed = SIBLINGS.stream().filter(s -> endpoint == null || !allowed(endpoint).contains(s))
                    .findFirst().orElseThrow();
            for (String variant : variants(path)) {
                HttpResponse<String> anonymous = send(method, variant, null);
                assertEquals(401, anonymous.statusCode(), method + " " + variant + ": " + anonymous.body());

                HttpResponse<String> wrongSibling = send(method, variant, notAllowed);
                int status = wrongSibling.statusCode();
                String at = notAllowed + " " + method + " " + variant + ": " + status + " " + wrongSibling.body();
                assertTrue(status == 403 || status == 404 || status == 400, at);
                if (status == 404) {
                    assertEquals(unmatched, JsonPath.from(wrongSibling.body()).getString("error_description"), at);
                }
            }
        }
    }

    /** Other spellings of {@code path} (which starts with {@code /internal/}). */
    static List<String> variants(String path) {
        String rest = path.substring("/internal".length());
        return List.of(
                "/" + path,
                "//" + path,
                "/internal/" + rest,
                "/%69nternal" + rest,
                "/%2Finternal" + rest,
                "/internal%2F" + rest.substring(1),
                "/internal;v=1" + rest,
                "/internal" + rest + ";v=1",
                "/INTERNAL" + rest,
                "/Internal" + rest,
                "/./internal" + rest,
                "/internal/." + rest,
                "/public/../internal" + rest,
                "/public/%2E%2E/internal" + rest,
                path + "/");
    }

    private Set<String> allowed(String endpoint) {
        return callers().getOrDefault(endpoint, Set.of());
    }

    private static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    /** The endpoint's path with each template variable filled in. */
    private static String concretePath(String endpoint) {
        return endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
    }

    /** {@code "<METHOD> <path>"} of every operation under {@code /internal} in the served OpenAPI document. */
    protected static List<String> servedInternalEndpoints() {
        JsonPath openApi = JsonPath.from(ManagementInterface.given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<String> endpoints = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/internal")) {
                operations.keySet().stream()
                        .filter(key -> Set.of("get", "post", "put", "patch", "delete").contains(key))
                        .forEach(key -> endpoints.add(key.toUpperCase(Locale.ROOT) + " " + path));
            }
        });
        assertFalse(paths.isEmpty(), "the OpenAPI document lists the service's paths");
        return endpoints;
    }

    private HttpResponse<String> send(String method, String rawPath, String caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + rawPath))
                .timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        if (caller != null) {
            request.header("Authorization", TestTokens.serviceAuthorization(caller, service()));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
