package org.gatehouse.token.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.testing.AuditLines;
import org.gatehouse.testing.ManagementInterface;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token issuance and revocation are audited: {@code gatehouse_audit_events_total{event,outcome}} counts them (also on
 * /q/metrics) and the {@code gatehouse.audit} line names the grant and client but never a token or secret.
 */
@QuarkusTest
class AuditEventsTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Inject
    MeterRegistry meters;

    @Test
    void tokenWhenClientCredentialsGrantedThenIssuedCountedPerGrantTypeWithoutSecretOrToken() {
        double before = count("token.issued", "success");
        String accessToken;
        try (AuditLines audit = AuditLines.capture()) {
            accessToken = given().header("Authorization", basic(TestClients.BASIC_ID, TestClients.BASIC_SECRET))
                    .formParam("grant_type", "client_credentials")
                    .post("/oauth/token").then().statusCode(200).extract().path("access_token");

            List<String> lines = audit.of("token.issued");
            assertEquals(1, lines.size(), audit.all());
            assertTrue(lines.get(0).contains("grant_type=client_credentials"), lines.get(0));
            assertTrue(lines.get(0).contains("client_id=" + TestClients.BASIC_ID), lines.get(0));
            assertNoSecret(audit.all(), TestClients.BASIC_SECRET, accessToken);
        }
        assertEquals(before + 1, count("token.issued", "success"));
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("gatehouse_audit_events_total{application=\"token-service\",event=\"token.issued\",outcome=\"success\"}"),
                "exported for Prometheus");
        assertNoSecret(metrics, TestClients.BASIC_SECRET, accessToken);
    }

    @Test
    void tokenWhenCodeExchangedRefreshedAndRevokedThenEachEventCountedWithoutTokens() {
        double issued = count("token.issued", "success");
        double revoked = count("token.revoked", "success");
        double familiesRevoked = count("refresh_family.revoked", "success");
        try (AuditLines audit = AuditLines.capture()) {
            JsonPath tokens = tokens(UUID.randomUUID().toString());
            String refreshed = OAuthRequests.refresh(CLIENT, SECRET, tokens.getString("refresh_token")).then()
                    .statusCode(200).extract().path("refresh_token");
            OAuthRequests.revoke(CLIENT, SECRET, refreshed).then().statusCode(200);

            assertTrue(audit.of("token.issued").stream().anyMatch(line -> line.contains("grant_type=authorization_code")));
            assertTrue(audit.of("token.issued").stream().anyMatch(line -> line.contains("grant_type=refresh_token")));
            assertTrue(audit.of("token.revoked").get(0).contains("token_type=refresh_token"));
            assertTrue(audit.of("refresh_family.revoked").get(0).contains("reason=revocation_request"));
            assertNoSecret(audit.all(), SECRET, tokens.getString("access_token"), tokens.getString("refresh_token"),
                    refreshed);
        }
        assertEquals(issued + 2, count("token.issued", "success"));
        assertEquals(revoked + 1, count("token.revoked", "success"));
        assertEquals(familiesRevoked + 1, count("refresh_family.revoked", "success"));
    }

    @Test
    void refreshWhenRotatedTokenReusedThenFamilyRevocationAuditedAsReuse() {
        double failures = count("token.issued", "failure");
        JsonPath tokens = tokens(UUID.randomUUID().toString());
        String first = tokens.getString("refresh_token");
        OAuthRequests.refresh(CLIENT, SECRET, first).then().statusCode(200);
        try (AuditLines audit = AuditLines.capture()) {
            OAuthRequests.refresh(CLIENT, SECRET, first).then().statusCode(400);

            assertTrue(audit.of("refresh_family.revoked").get(0).contains("reason=refresh_token_reuse"), audit.all());
            assertTrue(audit.of("token.issued").get(0).contains("error=invalid_grant"), audit.all());
            assertNoSecret(audit.all(), SECRET, first);
        }
        assertEquals(failures + 1, count("token.issued", "failure"));
    }

    @Test
    void revokeWhenAccessTokenRevokedThenAuditedWithItsJtiOnly() {
        String accessToken = tokens(UUID.randomUUID().toString()).getString("access_token");
        double revoked = count("token.revoked", "success");
        try (AuditLines audit = AuditLines.capture()) {
            OAuthRequests.revoke(CLIENT, SECRET, accessToken).then().statusCode(200);

            assertTrue(audit.of("token.revoked").get(0).contains("token_type=access_token"));
            assertNoSecret(audit.all(), SECRET, accessToken);
        }
        assertEquals(revoked + 1, count("token.revoked", "success"));
    }

    private double count(String event, String outcome) {
        Counter counter = meters.find("gatehouse.audit.events").tags("event", event, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertNoSecret(String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret or token was logged");
            // A JWT's signature part alone would also be a leak.
            assertFalse(secret.contains(".") && text.contains(secret.substring(secret.lastIndexOf('.') + 1)),
                    "a token signature was logged");
        }
    }

    private static JsonPath tokens(String user) {
        String code = TestCodes.forClient(CLIENT).user(user).mint().code();
        return OAuthRequests.exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
    }
}
