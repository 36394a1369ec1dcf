package org.gatehouse.token.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestAccounts;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and malformed requests against the public endpoints of token-service (jqwik generators): {@code /oauth/token},
 * {@code /oauth/revoke}, {@code /oauth/introspect}, {@code /authenticate}, {@code /refresh}, with real client
 * credentials mixed in so requests get past client authentication into the grants. The answer is always below 500
 * and an error is the contract's JSON body. No attack carries a valid code, refresh token or user secret, so none may
 * leave a token family, refresh token, denylist entry or assertion jti behind.
 */
@QuarkusTest
class HostileInputTest {

    private static final int REQUESTS = 300;
    private static final AtomicInteger CALLER = new AtomicInteger();
    private static final List<String> FIELDS = List.of("grant_type", "code", "redirect_uri", "code_verifier",
            "client_id", "client_secret", "client_assertion", "client_assertion_type", "scope", "resource",
            "refresh_token", "token", "token_type_hint", "user_key", "user_secret", "username", "password",
            "audience");

    @Inject
    AgroalDataSource dataSource;

    static Arbitrary<String> nasty() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.of("", " ", "%", "%00", "%zz", "{", "[]", "null", "\u0000", "🙂", "' OR 1=1 --",
                        "<script>alert(1)</script>", "${jndi:ldap://x}", "a".repeat(5000), "-1", "0",
                        "999999999999999999999", "NaN", "authorization_code", "client_credentials", "refresh_token",
                        "password", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "eyJhbGciOiJub25lIn0.e30.",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "read write", "openid profile", "access_token",
                        TestClients.BASIC_ID, TestClients.PUBLIC_ID, TestAccounts.ALICE.userKey(),
                        UUID.randomUUID().toString()));
    }

    static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(nasty().map(HostileHttp::jsonString),
                Arbitraries.of("null", "true", "1", "-0.5e309", "[]", "{}", "[1,{\"a\":[]}]", "[\"read\",\"write\"]"));
    }

    static Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.of(FIELDS), jsonValues()).ofMaxSize(6).map(HostileHttp::jsonObject),
                Arbitraries.maps(Arbitraries.of(FIELDS), nasty()).ofMaxSize(6).map(HostileHttp::form),
                nasty(),
                Arbitraries.of("grant_type=client_credentials&grant_type=authorization_code",
                        "grant_type=refresh_token&refresh_token=", "grant_type=authorization_code&code=x&code=y",
                        "{\"grant_type\":", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]",
                        "%%%%=%%%", "=&=&=", "\uFEFFgrant_type=client_credentials", "token=" + "t".repeat(70_000)));
    }

    static Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.just(OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET)),
                Arbitraries.just(OAuthRequests.basic(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET)),
                nasty().map(s -> "Basic " + s), nasty().map(s -> "Bearer " + s), nasty(),
                Arbitraries.of("Basic Og==", "Basic " + "QUFB".repeat(500), "Basic ===", "Basic YTpi:YzpkOmU="));
    }

    static Arbitrary<Attack> attacks() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of("GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")));
        Arbitrary<String> paths = Arbitraries.of("/oauth/token", "/oauth/revoke", "/oauth/introspect",
                "/authenticate", "/refresh", "/api/token", "/api/token.php", "/oauth/token/");
        Arbitrary<String> queries = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of(FIELDS), nasty()).as((k, v) -> k + "=" + v.replaceAll("[\\s&#]", "")));
        Arbitrary<String> contentTypes = Arbitraries.of("application/x-www-form-urlencoded", "application/json",
                "text/plain", "application/xml", "multipart/form-data", "application/json; charset=utf-16",
                "application/x-www-form-urlencoded; charset=nonsense", "", "*/*", "application/jwt");
        Arbitrary<Map<String, String>> headers = Combinators.combine(authorizations(),
                Arbitraries.maps(Arbitraries.of("Accept", "Content-Encoding", "DPoP", "X-Forwarded-Proto", "Origin"),
                        Arbitraries.oneOf(nasty(), Arbitraries.of("gzip", "application/json", "https"))).ofMaxSize(2))
                .as((authorization, others) -> {
                    Map<String, String> all = new LinkedHashMap<>(others);
                    if (!authorization.isEmpty()) {
                        all.put("Authorization", authorization);
                    }
                    return all;
                });
        return Combinators.combine(methods, paths, queries, contentTypes, bodies(), headers).as(Attack::new);
    }

    @Test
    void anyRequestWhenHostileThenClientErrorNeverServerErrorAndNoTokenStateStored() {
        List<String> tables = List.of("token.token_family", "token.refresh_token", "token.family_access_token",
                "token.revoked_access_token", "token.used_assertion_jti");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Attack generated : attacks().sampleStream().limit(REQUESTS).toList()) {
            Attack attack = fromOwnAddress(generated);
            Reply reply = HostileHttp.send(base, attack);
            int status = reply.status();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                violations.add(status + " " + reply.body() + " <- " + attack);
            }
            if (status >= 400 && !"HEAD".equals(attack.method())) {
                if (!(reply.isJsonError())) {
                    violations.add("not the error body: " + status + " [" + reply.contentType() + "] " + reply.body()
                            + " <- " + attack);
                }
            }
            if (status == 200 && reply.body().contains("\"refresh_token\"")) {
                violations.add("a refresh token without any valid grant: " + attack);
            }
        }
        System.out.println("[hostile] " + REQUESTS + " requests, statuses " + statuses);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        // Nothing stored: no table grew. A table may shrink meanwhile, since the scheduled cleanup deletes expired
        // rows that earlier tests left.
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, tables);
        before.forEach((table, count) -> assertTrue(after.get(table) <= count,
                () -> table + " grew from " + count + " to " + after.get(table)));
    }

    /**
     * The query parameters of the GET endpoints (JWKS, both discovery documents, and the POST-only endpoints asked
     * with GET) with NUL and other control characters, bytes that are not UTF-8 and broken escapes: never 5xx,
     * always the JSON error body.
     */
    @Test
    void getEndpointsWhenQueryParametersHostileThenClientErrorNeverServerError() {
        List<Attack> attacks = HostileHttp.hostileQueryGets(
                        List.of("/oauth/jwks", "/.well-known/openid-configuration",
                                "/.well-known/oauth-authorization-server", "/oauth/token", "/oauth/introspect"),
                        FIELDS, List.of("client_credentials", TestClients.MASTODON_ID, "read"), Map.of())
                .sampleStream().limit(REQUESTS).map(HostileInputTest::fromOwnAddress).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> false);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
    }

    /**
     * Form, JSON and multipart bodies whose values carry NUL and other control characters (percent-encoded, JSON
     * escapes, raw bytes), bytes that are not UTF-8, or any bytes at all, with and without client credentials: never
     * 5xx, always the JSON error body, and no token state stored.
     */
    @Test
    void postEndpointsWhenBodiesCarryHostileBytesThenClientErrorNeverServerErrorAndNothingStored() {
        List<String> tables = List.of("token.token_family", "token.refresh_token", "token.family_access_token",
                "token.revoked_access_token", "token.used_assertion_jti");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        List<String> paths = List.of("/oauth/token", "/oauth/revoke", "/oauth/introspect", "/authenticate",
                "/refresh", "/api/token");
        List<String> good = List.of("client_credentials", "read", TestClients.BASIC_ID, TestAccounts.ALICE.userKey());
        List<Attack> attacks = Arbitraries.oneOf(
                        HostileHttp.hostileBodyPosts(paths, FIELDS, good, Map.of()),
                        HostileHttp.hostileBodyPosts(paths, FIELDS, good, Map.of("Authorization",
                                OAuthRequests.basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))))
                .sampleStream().limit(REQUESTS).map(HostileInputTest::fromOwnAddress).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> false);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, tables);
        before.forEach((table, count) -> assertTrue(after.get(table) <= count,
                () -> table + " grew from " + count + " to " + after.get(table)));
    }

    private static Attack fromOwnAddress(Attack attack) {
        Map<String, String> headers = new LinkedHashMap<>(attack.headers());
        int n = CALLER.incrementAndGet();
        headers.put("X-Forwarded-For", "10.77." + (n / 250) + "." + (n % 250 + 1));
        return new Attack(attack.method(), attack.path(), attack.query(), attack.contentType(), attack.body(), headers,
                attack.rawBody());
    }
}
