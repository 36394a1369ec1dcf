package org.gatehouse.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine client's whole life through the public edge only, as a Mastodon-style app would live it: discover,
 * register, get tokens with both secret methods (RFC 6749 §4.4, §2.3.1), use them, and be refused with forged ones.
 */
class ClientCredentialsFlowTest {

    private static LocalRun run;

    @BeforeAll
    static void startPlatform() throws Exception {
        run = LocalRun.start("ClientCredentialsFlowTest", Map.of());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void handleWhenDiscoveryRequestedThenIssuerIsPublicUrlAndEndpointsAreAbsolute() {
        for (String metadata : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            edge().get(metadata).then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("issuer", equalTo(run.publicUrl))
                    .body("token_endpoint", equalTo(run.publicUrl + "/oauth/token"))
                    .body("jwks_uri", equalTo(run.publicUrl + "/oauth/jwks"));
        }
        Response jwks = edge().get("/oauth/jwks");
        jwks.then().statusCode(200).body("keys.size()", org.hamcrest.Matchers.greaterThan(0));
        for (Map<String, Object> key : jwks.jsonPath().<Map<String, Object>>getList("keys")) {
            assertNotNull(key.get("kid"), "every published key has a kid");
            assertTrue(!key.containsKey("d"), "a private key part is published: " + key);
        }
    }

    @Test
    void handleWhenClientSecretBasicThenAccessTokenVerifiesAgainstJwks() throws Exception {
        App app = registerApp();

        String token = edge()
                .header("Authorization", basic(app.clientId(), app.clientSecret()))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "read")
                .post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("token_type", org.hamcrest.Matchers.equalToIgnoringCase("Bearer"))
                .body("expires_in", notNullValue())
                .extract().path("access_token");

        JwtContext verified = verify(token);
        JwtClaims claims = verified.getJwtClaims();
        assertEquals(app.clientId(), claims.getSubject());
        assertEquals(app.clientId(), claims.getStringClaimValue("client_id"));
        assertTrue(List.of(claims.getStringClaimValue("scope").split(" ")).contains("read"), claims.toJson());
        assertNotNull(verified.getJoseObjects().get(0).getKeyIdHeaderValue(), "kid header");
    }

    @Test
    void handleWhenClientSecretPostThenAccessTokenVerifiesAndVerifyCredentialsNamesTheApp() throws Exception {
        App app = registerApp();

        String token = clientSecretPost(app).then().statusCode(200).extract().path("access_token");
        verify(token);

        edge().header("Authorization", "Bearer " + token)
                .get("/api/v1/apps/verify_credentials")
                .then().statusCode(200)
                .body("name", equalTo(app.name()))
                .body("website", equalTo("https://example.org/system-tests"))
                .body("scopes", notNullValue());
    }

    @Test
    void handleWhenTokenRevokedThenIntrospectionInactiveAtOnceAndRegistrationRefusesWithinFiveSeconds() {
        App app = registerApp();
        String token = clientSecretPost(app).then().statusCode(200).extract().path("access_token");
        bearer(token).get("/api/v1/apps/verify_credentials").then().statusCode(200);

        // RFC 7009 at token-service; registration-service (another process) learns it from the polled denylist.
        edge().contentType(ContentType.URLENC)
                .formParam("client_id", app.clientId())
                .formParam("client_secret", app.clientSecret())
                .formParam("token", token)
                .post("/oauth/revoke")
                .then().statusCode(200);
        long revokedAt = System.nanoTime();
        edge().contentType(ContentType.URLENC)
                .formParam("client_id", app.clientId())
                .formParam("client_secret", app.clientSecret())
                .formParam("token", token)
                .post("/oauth/introspect")
                .then().statusCode(200).body("active", equalTo(false));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertInvalidToken(bearer(token)));
        System.out.printf("[system-tests] revoked access token refused by registration-service after %d ms%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
    }

    @Test
    void handleWhenNoOrForgedTokenThenInvalidToken() throws Exception {
        App app = registerApp();
        String token = clientSecretPost(app).then().statusCode(200).extract().path("access_token");
        String[] parts = token.split("\\.");
        String kid = verify(token).getJoseObjects().get(0).getKeyIdHeaderValue();

        assertInvalidToken(edge());
        assertInvalidToken(bearer(parts[0] + "." + parts[1] + "." + tamper(parts[2])));
        String none = b64url("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}");
        assertInvalidToken(bearer(none + "." + parts[1] + "."));
        assertInvalidToken(bearer(signWithForeignKey(verify(token).getJwtClaims(), kid)));
    }

    @Test
    void handleWhenWrongClientSecretThenInvalidClient() {
        App app = registerApp();

        edge().header("Authorization", basic(app.clientId(), app.clientSecret() + "x"))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));

        clientSecretPost(new App(app.clientId(), "not-the-secret", app.name()))
                .then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenInternalOrUnknownPathThenEdgeAnswers404() {
        for (String path : List.of("/internal/clients/x", "/q/health/ready", "/no/such/endpoint")) {
            edge().get(path).then()
                    .statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("not_found"))
                    .body("error_description", notNullValue());
        }
    }

    /**
     * The dashboard and the alerts SREs import read only what the services really expose: after traffic through the
     * edge (a token issued, one refused, a resource call), every metric each alert expression and each dashboard query
     * names is in the scrape of some service, with every label its matchers, groupings and legend use (labels
     * Prometheus adds to targets aside). A renamed meter or label would otherwise leave a panel empty and an alert
     * silent.
     */
    @Test
    void metricsWhenTrafficServedThenEveryAlertAndDashboardQueryReadsExposedMetricsAndLabels() throws Exception {
        App app = registerApp();
        String token = clientSecretPost(app).then().statusCode(200).extract().path("access_token");
        edge().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", app.clientId()).formParam("client_secret", "wrong")
                .post("/oauth/token").then().statusCode(401);
        bearer(token).get("/api/v1/apps/verify_credentials").then().statusCode(200);
        bearer(token).get("/api/v1/accounts/verify_credentials").then().statusCode(403);

        Map<String, Set<String>> exposed = new TreeMap<>();
        for (String service : LocalRun.SERVICES) {
            String scrape = given().baseUri(run.managementUrl(service)).get("/q/metrics")
                    .then().statusCode(200).extract().asString();
            Map<String, Set<String>> ofService = MetricQueries.exposed(scrape);
            for (String everywhere : List.of("gatehouse_ready", "gatehouse_revocation_feed_age_seconds",
                    "agroal_awaiting_count", "jvm_memory_used_bytes")) {
                assertTrue(ofService.containsKey(everywhere), service + " does not expose " + everywhere);
            }
            ofService.forEach((metric, labels) -> exposed.computeIfAbsent(metric, m -> new TreeSet<>()).addAll(labels));
        }

        Path monitoring = LocalRun.repoDir().resolve("k8s/helm/gatehouse/monitoring");
        List<MetricQueries.Query> queries = new ArrayList<>(MetricQueries.alerts(monitoring.resolve("gatehouse-alerts.yaml")));
        queries.addAll(MetricQueries.dashboard(monitoring.resolve("gatehouse-dashboard.json")));
        assertTrue(queries.size() >= 30, "queries read: " + queries.size());
        List<String> missing = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (MetricQueries.Query query : queries) {
            Set<String> metrics = MetricQueries.metrics(query.expr());
            if (metrics.isEmpty()) {
                missing.add(query.source() + ": reads no metric: " + query.expr());
            }
            Set<String> available = new TreeSet<>(MetricQueries.TARGET_LABELS);
            for (String metric : metrics) {
                used.add(metric);
                if (!exposed.containsKey(metric)) {
                    missing.add(query.source() + ": no service exposes " + metric);
                } else {
                    available.addAll(exposed.get(metric));
                }
            }
            MetricQueries.matchedLabels(query.expr()).forEach((metric, labels) -> labels.stream()
                    .filter(label -> !MetricQueries.TARGET_LABELS.contains(label)
                            && !exposed.getOrDefault(metric, Set.of()).contains(label))
                    .forEach(label -> missing.add(query.source() + ": " + metric + " has no label " + label)));
            Set<String> grouping = MetricQueries.groupingLabels(query.expr());
            grouping.stream().filter(label -> !available.contains(label))
                    .forEach(label -> missing.add(query.source() + ": grouped by " + label + ", which none of "
                            + metrics + " carries"));
            query.legendLabels().stream().filter(label -> !grouping.contains(label))
                    .forEach(label -> missing.add(query.source() + ": legend shows " + label + ", which the query drops"));
        }
        System.out.printf("[system-tests] %d dashboard and alert queries read %d metrics, all exposed: %s%n",
                queries.size(), used.size(), used);
        assertEquals(List.of(), missing);
    }

    private record App(String clientId, String clientSecret, String name) {
    }

    private static App registerApp() {
        String name = "system-test-" + System.nanoTime();
        Response response = edge().contentType(ContentType.JSON)
                .body(Map.of("client_name", name,
                        "redirect_uris", "urn:ietf:wg:oauth:2.0:oob",
                        "scopes", "read write",
                        "website", "https://example.org/system-tests"))
                .post("/api/v1/apps");
        response.then().statusCode(200)
                .body("client_id", notNullValue())
                .body("client_secret", notNullValue());
        return new App(response.path("client_id"), response.path("client_secret"), name);
    }

    private static Response clientSecretPost(App app) {
        return edge().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", app.clientId())
                .formParam("client_secret", app.clientSecret())
                .formParam("scope", "read")
                .post("/oauth/token");
    }

    /** Signature (ES256 with a published kid), typ, iss and aud, as a resource server checks them. */
    private static JwtContext verify(String token) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(edge().get("/oauth/jwks").then().statusCode(200).extract().asString());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedType(true, "at+jwt")
                .setExpectedIssuer(run.publicUrl)
                .setExpectedAudience(run.publicUrl)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .build();
        JwtContext context = consumer.process(token);
        String kid = context.getJoseObjects().get(0).getKeyIdHeaderValue();
        assertTrue(jwks.getJsonWebKeys().stream().map(JsonWebKey::getKeyId).anyMatch(kid::equals),
                "kid " + kid + " not in JWKS");
        return context;
    }

    /** Same claims and kid, valid ES256 signature, but by a key the platform never published. */
    private static String signWithForeignKey(JwtClaims claims, String kid) throws Exception {
        EllipticCurveJsonWebKey foreign = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "at+jwt");
        jws.setKey(foreign.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private static void assertInvalidToken(RequestSpecification request) {
        request.get("/api/v1/apps/verify_credentials").then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("invalid_token"));
    }

    private static RequestSpecification bearer(String token) {
        return edge().header("Authorization", "Bearer " + token);
    }

    private static String tamper(String signature) {
        byte[] bytes = Base64.getUrlDecoder().decode(signature);
        bytes[bytes.length / 2] ^= 0x01;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 6749 §2.3.1: id and secret are form-URL-encoded before they go into Basic. */
    private static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification edge() {
        return given().baseUri(run.publicUrl);
    }
}
