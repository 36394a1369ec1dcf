package org.gatehouse.authorization.hostile;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.gatehouse.authorization.testing.FirstPartyTokens;
import org.gatehouse.authorization.testing.TestAccounts;
import org.gatehouse.authorization.testing.TestClients;
import org.gatehouse.testing.HostileHttp;
import org.gatehouse.testing.HostileHttp.Attack;
import org.gatehouse.testing.HostileHttp.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and malformed requests against the public endpoints of authorization-service (jqwik generators): the
 * authorization endpoint and its aliases, login, consent, the third-party consent page and the exposure-profile API,
 * with real client ids, redirect URIs and a valid first-party token mixed in so requests get past the first checks.
 * The answer is always below 500; an error is the contract's JSON body, or on a page its HTML error page; and
 * nothing but acknowledged profiles is stored (request-limit buckets are kept by design, and are not checked).
 */
@QuarkusTest
class HostileInputTest {

    private static final int REQUESTS = 300;
    private static final AtomicInteger CALLER = new AtomicInteger();
    private static final String PROFILES = "/api/v1/exposure-profiles";
    private static final List<String> FIELDS = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method", "nonce", "prompt", "response_mode", "return_to", "username",
            "password", "csrf_token", "decision", "profile_id", "name", "permissions", "request", "request_uri",
            "claims");

    @Inject
    AgroalDataSource dataSource;

    static Arbitrary<String> nasty() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.of("", " ", "%", "%00", "%zz", "%C0%AF", "{", "[]", "null", "\u0000", "🙂",
                        "' OR 1=1 --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                        "${jndi:ldap://x}", "a".repeat(3000), "-1", "0", "999999999999999999999", "NaN", "code",
                        "token", "code id_token", "S256", "plain", "approve", "deny", "Approve", "openid read write",
                        "read:nodes write:nodes", "none", "login consent", "//evil.example/x", "/\\evil.example",
                        "https://evil.example/cb", "javascript:alert(1)", TestClients.WEB, TestClients.WEB_CALLBACK,
                        TestClients.THIRD_PARTY, TestClients.THIRD_PARTY_CALLBACK, TestClients.OOB,
                        TestClients.MASTODON, TestAccounts.ALICE, TestAccounts.PASSWORD,
                        UUID.randomUUID().toString()));
    }

    static Arbitrary<String> queries() {
        return Combinators.combine(Arbitraries.of(FIELDS), nasty()).as(Tuple::of).list().ofMaxSize(6)
                .map(pairs -> pairs.stream().map(p -> p.get1() + "=" + p.get2().replaceAll("[\\s&#]", ""))
                        .collect(Collectors.joining("&")));
    }

    static Arbitrary<String> bodies() {
        Arbitrary<String> jsonValues = Arbitraries.oneOf(nasty().map(HostileHttp::jsonString),
                Arbitraries.of("null", "true", "1", "[]", "{}", "[\"read:nodes\"]", "[\"admin:write\",\"x\"]",
                        "[1,{\"a\":[]}]", "[" + "\"read:nodes\",".repeat(200) + "\"x\"]"));
        return Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.of(FIELDS), jsonValues).ofMaxSize(5).map(HostileHttp::jsonObject),
                Arbitraries.maps(Arbitraries.of(FIELDS), nasty()).ofMaxSize(6).map(HostileHttp::form),
                nasty(),
                Arbitraries.of("{\"name\":", "{\"name\":\"x\",\"permissions\":\"read:nodes\"}",
                        "{\"name\":\"" + "n".repeat(500) + "\",\"permissions\":[]}",
                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]", "%%%%=%%%",
                        "csrf_token=&csrf_token=x&decision=approve", "\uFEFF{}"));
    }

    static Arbitrary<Attack> attacks(String goodBearer) {
        Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("GET", "POST")),
                Tuple.of(1, Arbitraries.of("PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")));
        Arbitrary<String> paths = Arbitraries.oneOf(
                Arbitraries.of("/oauth/authorize", "/api/authorize", "/api/authorize.php", "/login", "/consent",
                        "/api/v1/authorize", PROFILES, PROFILES + "/", PROFILES + "/" + UUID.randomUUID()),
                nasty().map(s -> PROFILES + "/" + s.replaceAll("[\\s?#]", "")));
        Arbitrary<String> contentTypes = Arbitraries.of("application/x-www-form-urlencoded", "application/json",
                "text/plain", "application/xml", "multipart/form-data", "application/json; charset=utf-16",
                "application/x-www-form-urlencoded; charset=nonsense", "", "*/*");
        Arbitrary<String> authorizations = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(goodBearer),
                nasty().map(s -> "Bearer " + s), nasty());
        Arbitrary<Map<String, String>> headers = Combinators.combine(authorizations,
                Arbitraries.maps(Arbitraries.of("Cookie", "Accept", "Origin", "Referer", "Accept-Language"),
                        Arbitraries.oneOf(nasty(), nasty().map(s -> "gatehouse_session=" + s),
                                nasty().map(s -> "gatehouse_login_csrf=" + s + "; gatehouse_session=" + s),
                                Arbitraries.of("text/html", "application/json", "*/*"))).ofMaxSize(2))
                .as((authorization, others) -> {
                    Map<String, String> all = new LinkedHashMap<>(others);
                    if (!authorization.isEmpty()) {
                        all.put("Authorization", authorization);
                    }
                    return all;
                });
        return Combinators.combine(methods, paths, queries(), contentTypes, bodies(), headers).as(Attack::new);
    }

    @Test
    void anyRequestWhenHostileThenClientErrorNeverServerErrorAndOnlyAcknowledgedProfilesStored() {
        String goodBearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("hostile"));
        // Listing once first lets the user's default profiles exist before counting.
        given().header("Authorization", goodBearer).get(PROFILES).then().statusCode(200);
        List<String> tables = List.of("\"authorization\".login_session", "\"authorization\".consent",
                "\"authorization\".authorization_code", "\"authorization\".exposure_profile",
                "\"authorization\".exposure_profile_defaults", "\"authorization\".third_party_grant");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        int profilesCreated = 0;
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Attack generated : attacks(goodBearer).sampleStream().limit(REQUESTS).toList()) {
            Attack attack = fromOwnAddress(generated);
            Reply reply = HostileHttp.send(base, attack);
            int status = reply.status();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                violations.add(status + " " + reply.body() + " <- " + attack);
            }
            boolean page = !attack.path().startsWith(PROFILES);
            if (status >= 400 && !"HEAD".equals(attack.method())) {
                if (!(reply.isJsonError() || (page && reply.isHtml()))) {
                    violations.add("not the error body: " + status + " [" + reply.contentType() + "] " + reply.body()
                            + " <- " + attack);
                }
            }
            if (status == 201 && "POST".equals(attack.method()) && attack.path().startsWith(PROFILES)) {
                profilesCreated++;
            }
        }
        System.out.println("[hostile] " + REQUESTS + " requests, statuses " + statuses);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        Map<String, Long> after = HostileHttp.rowCounts(dataSource, tables);
        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.merge("\"authorization\".exposure_profile", (long) profilesCreated, Long::sum);
        assertEquals(expected, after);
    }

    /**
     * The query parameters of the GET pages (the authorization endpoint and its aliases, the third-party consent page,
     * login) with NUL and other control characters, bytes that are not UTF-8 and broken escapes, signed in or not:
     * never 5xx (a NUL once reached registration-service and came back as 503), always the error page or JSON body.
     */
    @Test
    void getPagesWhenQueryParametersHostileThenClientErrorNeverServerError() {
        String cookie = "gatehouse_session=" + UUID.randomUUID();
        List<Attack> attacks = HostileHttp.hostileQueryGets(
                        List.of("/oauth/authorize", "/api/authorize", "/api/authorize.php", "/api/v1/authorize",
                                "/login", "/account"),
                        FIELDS, List.of("code", TestClients.WEB, TestClients.WEB_CALLBACK, TestClients.THIRD_PARTY,
                                TestClients.THIRD_PARTY_CALLBACK, "openid read", "S256", "none", "/oauth/authorize",
                                "{\"userinfo\":{\"name\":{\"essential\":true}}}"),
                        Map.of("Cookie", cookie))
                .sampleStream().limit(REQUESTS).map(HostileInputTest::fromOwnAddress).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> true);
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
    }

    /**
     * Form, JSON and multipart bodies whose values carry NUL and other control characters (percent-encoded, JSON
     * escapes, raw bytes), bytes that are not UTF-8, or any bytes at all, to the pages' forms and the profile API with
     * a valid first-party token: never 5xx, always the error page or the JSON body, and no session, consent, code or
     * grant stored.
     */
    @Test
    void postEndpointsWhenBodiesCarryHostileBytesThenClientErrorNeverServerErrorAndNothingStored() {
        String goodBearer = FirstPartyTokens.bearerFor(TestAccounts.fresh("hostile-bytes"));
        List<String> tables = List.of("\"authorization\".login_session", "\"authorization\".consent",
                "\"authorization\".authorization_code", "\"authorization\".third_party_grant");
        Map<String, Long> before = HostileHttp.rowCounts(dataSource, tables);
        List<String> pages = List.of("/oauth/authorize", "/api/authorize", "/login", "/consent", "/api/v1/authorize",
                "/logout", "/account/revoke", "/account/name");
        List<String> good = List.of("code", TestClients.WEB, TestClients.WEB_CALLBACK, TestAccounts.ALICE, "read:nodes");
        List<Attack> attacks = Arbitraries.oneOf(
                        HostileHttp.hostileBodyPosts(pages, FIELDS, good, Map.of("Cookie", "gatehouse_session=x")),
                        HostileHttp.hostileBodyPosts(List.of(PROFILES), FIELDS, good,
                                Map.of("Authorization", goodBearer)))
                .sampleStream().limit(REQUESTS).map(HostileInputTest::fromOwnAddress).toList();
        List<String> violations = HostileHttp.contractViolations(RestAssured.baseURI + ":" + RestAssured.port,
                attacks, path -> !path.startsWith(PROFILES));
        assertTrue(violations.isEmpty(), () -> violations.size() + " contract violations:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        assertEquals(before, HostileHttp.rowCounts(dataSource, tables));
    }

    /** Each request from its own address, so no throttle of the other tests' loopback address is used up here. */
    private static Attack fromOwnAddress(Attack attack) {
        Map<String, String> headers = new LinkedHashMap<>(attack.headers());
        int n = CALLER.incrementAndGet();
        headers.put("X-Forwarded-For", "10.78." + (n / 250) + "." + (n % 250 + 1));
        return new Attack(attack.method(), attack.path(), attack.query(), attack.contentType(), attack.body(), headers,
                attack.rawBody());
    }
}
