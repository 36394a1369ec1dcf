package org.gatehouse.resource.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and malformed requests against every public endpoint of resource-service (jqwik generators): the answer
 * is always below 500, every error is the contract's JSON body, and a request that was refused stored nothing.
 */
@QuarkusTest
class HostileInputTest {

    private static final int REQUESTS = 400;
    // HTTP/1.1: over an h2c upgrade, header bytes HTTP/2 forbids end the connection with GOAWAY (RFC 9113 §8.2.1).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Attack(String method, String path, String query, String contentType, String body,
                          String authorization, String apiKey, String userId) {
    }

    private static Arbitrary<String> nasty() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.of("", " ", "%", "%00", "%zz", "../../internal/x", "{", "[]", "null", "\u0000", "🙂",
                        "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "a".repeat(5000),
                        "-1", "0", "999999999999999999999", "NaN", UUID.randomUUID().toString()));
    }

    private static Arbitrary<String> bodies() {
        return Arbitraries.oneOf(nasty(),
                Arbitraries.of("{\"type\":1,\"title\":[]}", "{\"title\":{\"a\":1}}", "{\"tags\":\"x\"}",
                        "{\"tags\":[1,2,{}]}", "{\"type\":\"note\",\"title\":\"" + "x".repeat(300) + "\"}",
                        "{\"type\":\"note\",\"title\":\"t\",\"tags\":[" + "\"t\",".repeat(40) + "\"t\"]}",
                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                        "{\"type\":\"note\",\"title\":\"ok\",\"content\":" + "1".repeat(400) + "}"));
    }

    private static Arbitrary<Attack> attacks(String goodToken) {
        Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
        Arbitrary<String> paths = Arbitraries.oneOf(
                Arbitraries.of("/api/v1/nodes", "/api/v1/nodes/", "/oauth/userinfo", "/api/userinfo.php",
                        "/api/v1/accounts/verify_credentials", "/api/v1/nodes/" + UUID.randomUUID()),
                nasty().map(s -> "/api/v1/nodes/" + s.replaceAll("[\\s?#]", "")));
        Arbitrary<String> queries = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("limit", "cursor", "type", "tag", "x"), nasty())
                        .as((k, v) -> k + "=" + v.replaceAll("[\\s&#]", "")));
        Arbitrary<String> contentTypes = Arbitraries.of("application/json", "text/plain", "application/xml",
                "application/x-www-form-urlencoded", "application/merge-patch+json", "multipart/form-data",
                "application/json; charset=utf-16");
        Arbitrary<String> authorizations = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.just("Bearer " + goodToken), nasty().map(s -> "Bearer " + s), nasty());
        Arbitrary<String> apiKeys = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(SiblingDoubles.API_KEY),
                nasty().map(s -> "gh_tp_" + s));
        return Combinators.combine(methods, paths, queries, contentTypes, bodies(), authorizations, apiKeys, nasty())
                .as(Attack::new);
    }

    /**
     * The query parameters of the GET endpoints (nodes, a node, verify_credentials, userinfo), with a valid token,
     * with NUL and other control characters, bytes that are not UTF-8 and broken escapes: never 5xx, always the
     * JSON error body.
     */
    @Test
    void getEndpointsWhenQueryParametersHostileThenClientErrorJsonNeverServerError() {
        String goodToken = TestTokens.sign(TestTokens.accessToken(UUID.randomUUID().toString(), "gatehouse",
                "read write"));
        List<HostileHttp.Attack> attacks = HostileHttp.hostileQueryGets(
                        List.of("/api/v1/nodes", "/api/v1/nodes/" + UUID.randomUUID(), "/oauth/userinfo",
                                "/api/userinfo.php", "/api/v1/accounts/verify_credentials"),
                        List.of("limit", "cursor", "type", "tag", "access_token"), List.of("10", "note", "x"),
                        Map.of("Authorization", "Bearer " + goodToken))
                .sampleStream().limit(REQUESTS).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> false);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
    }

    /**
     * JSON (and form and multipart) bodies to the node API whose values carry NUL and other control characters (JSON
     * escapes, raw bytes), bytes that are not UTF-8, or any bytes at all, with a valid token: never 5xx, always the
     * JSON error body, and no node stored but those acknowledged with 201.
     */
    @Test
    void postNodesWhenBodiesCarryHostileBytesThenClientErrorJsonNeverServerError() {
        String owner = UUID.randomUUID().toString();
        String goodToken = TestTokens.sign(TestTokens.accessToken(owner, "gatehouse", "read write"));
        List<HostileHttp.Attack> attacks = HostileHttp.hostileBodyPosts(List.of("/api/v1/nodes"),
                        List.of("type", "title", "content", "tags"), List.of("note", "t"),
                        Map.of("Authorization", "Bearer " + goodToken))
                .sampleStream().limit(REQUESTS).toList();
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<String> violations = new java.util.ArrayList<>();
        int created = 0;
        for (HostileHttp.Attack attack : attacks) {
            HostileHttp.Reply reply = HostileHttp.send(base, attack);
            if (reply.status() >= 500 || (reply.status() >= 400 && !reply.isJsonError())) {
                violations.add(reply.status() + " " + reply.body() + " <- " + attack);
            }
            if (reply.status() == 201) {
                created++;
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        int stored = given().auth().oauth2(goodToken).queryParam("limit", 100).get("/api/v1/nodes")
                .then().statusCode(200).extract().jsonPath().getList("data").size();
        assertEquals(created, stored);
    }

    @Test
    void anyRequestWhenHostileThenClientErrorJsonNeverServerError() {
        String owner = UUID.randomUUID().toString();
        String goodToken = TestTokens.sign(TestTokens.accessToken(owner, "gatehouse", "read write"));
        int created = 0;
        List<Attack> sample = attacks(goodToken).sampleStream().limit(REQUESTS).toList();
        for (Attack attack : sample) {
            Reply reply = send(attack);
            int status = reply.status();
            assertTrue(status < 500, () -> "5xx for " + attack + ": " + status + " " + reply.body());
            if (status >= 400 && !"HEAD".equals(attack.method())) {
                assertTrue(reply.contentType().startsWith("application/json") && reply.body().contains("\"error\""),
                        () -> "not the JSON error body for " + attack + ": " + status + " " + reply.body());
            }
            if (status == 201) {
                created++;
            }
        }
        // Whatever was refused left no trace: the owner holds exactly the nodes that were acknowledged with 201.
        int stored = given().auth().oauth2(goodToken).queryParam("limit", 100).get("/api/v1/nodes")
                .then().statusCode(200).extract().jsonPath().getList("data").size();
        assertEquals(created, stored);
    }

    /** Sent with the JDK client: any method with any body and content type, as a hostile client would. */
    private static Reply send(Attack attack) {
        String url = encodeIllegal(attack.path()) + (attack.query().isEmpty() ? "" : "?" + encodeIllegal(attack.query()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + url))
                .timeout(Duration.ofSeconds(20))
                .method(attack.method(), HttpRequest.BodyPublishers.ofByteArray(attack.body().getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", attack.contentType());
        if (!attack.authorization().isEmpty()) {
            request.header("Authorization", headerSafe(attack.authorization()));
        }
        if (!attack.apiKey().isEmpty()) {
            request.header("X-API-Key", headerSafe(attack.apiKey())).header("X-User-ID", headerSafe(attack.userId()));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer (" + e + ") for " + attack, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Header values travel as bytes: send the UTF-8 bytes raw (as ISO-8859-1), minus what HTTP cannot carry. */
    private static String headerSafe(String value) {
        String raw = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String cleaned = raw.replaceAll("[\\x00-\\x1F\\x7F]", "").trim();
        return cleaned.isEmpty() ? "x" : cleaned;
    }

    private record Reply(int status, String contentType, String body) {
    }

    /** Percent-encodes only what a URI cannot carry at all, so raw oddities such as "%zz" still reach the server. */
    private static String encodeIllegal(String value) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            char c = (char) (b & 0xff);
            boolean escapePair = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escapePair || (c < 0x80 && c != '%' && (Character.isLetterOrDigit(c) || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0))) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit((char) (b & 0xff), 16) >= 0;
    }
}
