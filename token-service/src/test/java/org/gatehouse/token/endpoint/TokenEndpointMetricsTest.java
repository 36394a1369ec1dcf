package org.gatehouse.token.endpoint;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.testing.ManagementInterface;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token endpoint's product metrics: {@code gatehouse_tokens_issued_total{grant_type}},
 * {@code gatehouse_token_errors_total{error}} and the signing-key schedule gauges, as Prometheus scrapes them.
 */
@QuarkusTest
class TokenEndpointMetricsTest {

    @Inject
    MeterRegistry meters;

    @Inject
    TokenConfig config;

    @Test
    void tokenWhenIssuedThenCountedUnderItsGrantTypeOnly() {
        double clientCredentials = issued("client_credentials");
        double authorizationCode = issued("authorization_code");

        given().header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200);

        assertEquals(clientCredentials + 1, issued("client_credentials"));
        assertEquals(authorizationCode, issued("authorization_code"));
        assertTrue(scrape().contains("gatehouse_tokens_issued_total{application=\"token-service\","
                + "grant_type=\"authorization_code\"}"), "every grant type is exported before its first token");
    }

    /**
     * Each refusal counts once under its RFC 6749 §5.2 code, whichever class refused it; the label never carries what
     * the client sent (an invented grant type stays out of the scrape), and other endpoints' errors are not counted.
     */
    @Test
    void tokenWhenRefusedThenErrorCountedUnderItsCodeAndNeverTheClientsValue() {
        double invalidClient = errors("invalid_client");
        double unsupported = errors("unsupported_grant_type");
        double invalidRequest = errors("invalid_request");
        String invented = "grant" + System.nanoTime();

        given().header("Authorization", basic(TestClients.BASIC_ID, "wrong-secret"))
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(401);
        given().header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("grant_type", invented + "\"}x")
                .post("/oauth/token").then().statusCode(400);
        given().header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                .formParam("scope", "read")
                .post("/oauth/token").then().statusCode(400);
        given().header("Authorization", basic(TestClients.BASIC_ID, "wrong-secret"))
                .formParam("token", "whatever")
                .post("/oauth/revoke").then().statusCode(401);

        assertEquals(invalidClient + 1, errors("invalid_client"), "the revocation endpoint's refusal is not counted");
        assertEquals(unsupported + 1, errors("unsupported_grant_type"));
        assertEquals(invalidRequest + 1, errors("invalid_request"));
        assertFalse(scrape().contains(invented), "a client's value became a label");
    }

    @Test
    void metricsWhenScrapedThenEachRingsKeyAgeAndNextRotationWithinTheRotationPeriod() {
        String metrics = scrape();
        double period = config.signingKey().rotationPeriod().toSeconds();
        assertEquals(period, gauge(metrics, "gatehouse_signing_key_rotation_period_seconds", ""));
        for (String algorithm : List.of("ES256", "RS256")) {
            String tag = "algorithm=\"" + algorithm + "\",";
            double age = gauge(metrics, "gatehouse_signing_key_age_seconds", tag);
            double next = gauge(metrics, "gatehouse_signing_key_next_rotation_seconds", tag);
            assertTrue(age >= 0 && age < period, algorithm + " key age " + age);
            assertTrue(next > 0 && next <= period, algorithm + " next rotation in " + next);
        }
    }

    private double issued(String grantType) {
        return meters.get("gatehouse.tokens.issued").tag("grant_type", grantType).counter().count();
    }

    private double errors(String code) {
        return meters.get(TokenErrorMetrics.NAME).tag("error", code).counter().count();
    }

    private static double gauge(String metrics, String name, String firstTags) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{" + Pattern.quote(firstTags)
                + "application=\"token-service\"[^}]*} (\\S+)$").matcher(metrics);
        assertTrue(line.find(), name + " " + firstTags + " not exported");
        return Double.parseDouble(line.group(1));
    }

    private static String scrape() {
        return ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
