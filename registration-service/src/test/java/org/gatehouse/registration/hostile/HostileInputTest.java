package org.gatehouse.registration.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and malformed requests against the public endpoints of registration-service (jqwik generators): app
 * registration ({@code /api/v1/apps}, {@code /oauth/register}), user registration ({@code /register}) and the sign-up
 * page. The answer is always below 500, an error is the contract's JSON body (the sign-up page may answer with
 * its HTML page), and the tables grew by exactly what was acknowledged.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
class HostileInputTest {

    private static final int REQUESTS = 300;
    private static final List<String> FIELDS = List.of("client_name", "redirect_uris", "redirect_uri", "scopes",
            "scope", "website", "grant_types", "response_types", "token_endpoint_auth_method", "jwks", "jwks_uri",
            "client_uri", "user_id", "user_secret", "username", "email", "display_name", "password", "_csrf",
            "return_to", "requested_permissions", "software_statement");

    @Inject
    AgroalDataSource dataSource;

    static Arbitrary<String> nasty() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(30),
                Arbitraries.of("", " ", "%", "%00", "%zz", "%C0%AF", "../../internal/x", "{", "[]", "null", "\u0000",
                        "🙂", "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "a".repeat(5000),
                        "-1", "0", "999999999999999999999", "NaN", "urn:ietf:wg:oauth:2.0:oob",
                        "https://app.example/cb", "javascript:alert(1)", "http://[::1", "https://a.example/#frag",
                        "read write follow push", "read:accounts admin:write", "none", "private_key_jwt",
                        UUID.randomUUID().toString()));
    }

    /** A JSON value of any type, sometimes of the wrong one for the field. */
    static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                nasty().map(HostileHttp::jsonString),
                Arbitraries.of("null", "true", "1", "-0.5e309", "[]", "{}", "[1,{\"a\":[]}]",
                        "[\"https://app.example/cb\",\"urn:ietf:wg:oauth:2.0:oob\"]", "{\"keys\":[{\"kty\":\"EC\"}]}"),
                nasty().list().ofMaxSize(4).map(l -> l.stream().map(HostileHttp::jsonString)
                        .collect(Collectors.joining(",", "[", "]"))));
    }

    static Arbitrary<String> bodies() {
        Arbitrary<Map<String, String>> fields = Arbitraries.maps(Arbitraries.of(FIELDS), jsonValues()).ofMaxSize(6);
        return Arbitraries.oneOf(
                fields.map(HostileHttp::jsonObject),
                Arbitraries.maps(Arbitraries.of(FIELDS), nasty()).ofMaxSize(6).map(HostileHttp::form),
                nasty(),
                Arbitraries.of("{\"client_name\":", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
                        "{\"client_name\":\"x\",\"client_name\":\"y\",\"redirect_uris\":\"https://a.example/cb\"}",
                        "{\"redirect_uris\":[" + "\"https://a.example/cb\",".repeat(60) + "\"https://a.example/c\"]}",
                        "client_name=a&client_name=b&redirect_uris=", "%%%%=%%%", "\uFEFF{}",
                        "{\"user_id\":\"" + "u".repeat(70_000) + "\"}"));
    }

    static Arbitrary<Attack> attacks() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("POST")), Tuple.of(1, Arbitraries.of("GET",
                        "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")));
        Arbitrary<String> paths = Arbitraries.oneOf(
                Arbitraries.of("/api/v1/apps", "/api/v1/apps/", "/oauth/register", "/register", "/signup",
                        "/oauth/register/" + UUID.randomUUID(), "/api/v1/apps/verify_credentials"),
                nasty().map(s -> "/oauth/register/" + s.replaceAll("[\\s?#]", "")));
        Arbitrary<String> queries = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of(FIELDS), nasty()).as((k, v) -> k + "=" + v.replaceAll("[\\s&#]", "")));
        Arbitrary<String> contentTypes = Arbitraries.of("application/json", "application/x-www-form-urlencoded",
                "text/plain", "application/xml", "multipart/form-data", "application/json; charset=utf-16",
                "application/json; charset=nonsense", "application/x-www-form-urlencoded; charset=latin1", "", "*/*",
                "application/jwt");
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(
                Arbitraries.of("Authorization", "Accept", "Content-Encoding", "X-Forwarded-For", "X-Forwarded-Proto",
                        "Cookie", "Origin", "Accept-Charset"),
                Arbitraries.oneOf(nasty(), nasty().map(s -> "Bearer " + s), nasty().map(s -> "Basic " + s),
                        Arbitraries.of("gzip", "application/json", "text/html", "gatehouse_csrf=x; _csrf=y")))
                .ofMaxSize(3);
        return Combinators.combine(methods, paths, queries, contentTypes, bodies(), headers).as(Attack::new);
    }

    /**
     * The query parameters of the GET endpoints ({@code verify_credentials}, the sign-up and developer pages, the
     * dynamic-registration read) with NUL and other control characters, bytes that are not UTF-8 and broken escapes:
     * never 5xx, always the JSON error body (or the sign-up page's HTML).
     */
    @Test
    void getEndpointsWhenQueryParametersHostileThenClientErrorNeverServerError() {
        List<Attack> attacks = HostileHttp.hostileQueryGets(
                        List.of("/api/v1/apps/verify_credentials", "/signup", "/developer",
                                "/oauth/register/" + UUID.randomUUID(), "/api/v1/developer/apps"),
                        FIELDS, List.of("https://app.example/cb", "read write", "/developer"), Map.of())
                .sampleStream().limit(REQUESTS).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> path.startsWith("/signup") || path.startsWith("/developer"));
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
    }

    /**
     * Form, JSON and multipart bodies whose values carry NUL and other control characters (percent-encoded, JSON
     * escapes, raw bytes, base64), bytes that are not UTF-8, or any bytes at all, to app and user registration and the
     * sign-up and developer forms: never 5xx, always the JSON error body (or the page's HTML), and no client or account
     * but those acknowledged.
     */
    @Test
    void postEndpointsWhenBodiesCarryHostileBytesThenClientErrorNeverServerErrorAndOnlyAcknowledgedRowsStored() {
        List<String> tables = List.of("registration.client", "registration.account");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        List<Attack> attacks = HostileHttp.hostileBodyPosts(
                        List.of("/api/v1/apps", "/oauth/register", "/register", "/signup", "/developer/apps"), FIELDS,
                        List.of("https://app.example/cb", "My app", "read write"), Map.of())
                .sampleStream().limit(REQUESTS).toList();
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<String> violations = new ArrayList<>();
        int clients = 0;
        int accounts = 0;
        for (Attack attack : attacks) {
            Reply reply = HostileHttp.send(base, attack);
            boolean page = attack.path().startsWith("/signup") || attack.path().startsWith("/developer");
            if (reply.status() >= 500 || (reply.status() >= 400 && !(reply.isJsonError() || (page && reply.isHtml())))) {
                violations.add(reply.status() + " [" + reply.contentType() + "] " + reply.body() + " <- " + attack);
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                if (attack.path().equals("/api/v1/apps") || attack.path().equals("/oauth/register")) {
                    clients++;
                } else if (attack.path().equals("/register") || attack.path().equals("/signup")) {
                    accounts++;
                }
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, tables);
        assertEquals(before.get("registration.client") + clients, after.get("registration.client"));
        assertEquals(before.get("registration.account") + accounts, after.get("registration.account"));
    }

    @Test
    void anyRequestWhenHostileThenClientErrorNeverServerErrorAndOnlyAcknowledgedRowsStored() {
        List<String> tables = List.of("registration.client", "registration.client_secret", "registration.account",
                "registration.developer_app", "registration.api_key");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        int clientsAcknowledged = 0;
        int accountsAcknowledged = 0;
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Attack attack : attacks().sampleStream().limit(REQUESTS).toList()) {
            Reply reply = HostileHttp.send(base, attack);
            int status = reply.status();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                violations.add(status + " " + reply.body() + " <- " + attack);
            }
            boolean page = attack.path().startsWith("/signup");
            if (status >= 400 && !"HEAD".equals(attack.method())) {
                if (!(reply.isJsonError() || (page && reply.isHtml()))) {
                    violations.add("not the error body: " + status + " [" + reply.contentType() + "] " + reply.body()
                            + " <- " + attack);
                }
            }
            if ("POST".equals(attack.method()) && status >= 200 && status < 300) {
                switch (attack.path().replaceAll("/$", "")) {
                    case "/api/v1/apps", "/oauth/register" -> clientsAcknowledged++;
                    case "/register", "/signup" -> accountsAcknowledged++;
                    default -> { }
                }
            }
        }
        System.out.println("[hostile] " + REQUESTS + " requests, statuses " + statuses);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, tables);
        assertEquals(before.get("registration.client") + clientsAcknowledged, after.get("registration.client"));
        assertEquals(before.get("registration.account") + accountsAcknowledged, after.get("registration.account"));
        assertEquals(before.get("registration.developer_app"), after.get("registration.developer_app"));
        assertEquals(before.get("registration.api_key"), after.get("registration.api_key"));
        assertTrue(after.get("registration.client_secret") - before.get("registration.client_secret")
                <= clientsAcknowledged, "secrets only for acknowledged clients");
    }
}
