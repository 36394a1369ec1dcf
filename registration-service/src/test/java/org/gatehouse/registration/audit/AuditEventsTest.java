package org.gatehouse.registration.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.testing.AuditLines;
import org.gatehouse.registration.testing.FirstPartyTokens;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.registration.testing.TestDeveloperApps;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.gatehouse.registration.testing.TestDynamicClients.CONFIGURATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts, clients and API keys are audited: {@code gatehouse_audit_events_total{event,outcome}} counts each change
 * and the {@code gatehouse.audit} line names ids only, never a password, client secret, API key or registration
 * access token.
 */
@QuarkusTest
class AuditEventsTest {

    private static final String APPS = "/api/v1/developer/apps";

    @Inject
    MeterRegistry meters;

    @Test
    void registerWhenAccountCreatedThenCountedWithoutPassword() {
        double before = count("account.created");
        try (AuditLines audit = AuditLines.capture()) {
            TestAccounts.Account account = TestAccounts.create("audited");

            List<String> lines = audit.of("account.created");
            assertEquals(1, lines.size(), audit.all());
            assertTrue(lines.get(0).contains("user_id=" + account.id()), lines.get(0));
            assertNoSecret(audit.all(), account.password(), account.userKey());
        }
        assertEquals(before + 1, count("account.created"));
        assertTrue(ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString()
                .contains("gatehouse_audit_events_total{application=\"registration-service\",event=\"account.created\",outcome=\"success\"}"));
    }

    @Test
    void appsWhenMastodonAppCreatedThenClientCreatedCountedWithoutSecret() {
        double before = count("client.created");
        try (AuditLines audit = AuditLines.capture()) {
            TestApps.App app = TestApps.registerDefault();

            assertTrue(audit.of("client.created").get(0).contains("client_id=" + app.clientId()), audit.all());
            assertNoSecret(audit.all(), app.clientSecret());
        }
        assertEquals(before + 1, count("client.created"));
    }

    @Test
    void registerWhenDynamicClientUpdatedSecretRotatedAndDeletedThenEachCountedWithoutCredentials() {
        double created = count("client.created");
        double updated = count("client.updated");
        double rotated = count("client.secret_rotated");
        double deleted = count("client.deleted");
        try (AuditLines audit = AuditLines.capture()) {
            TestDynamicClients.Registered client = TestDynamicClients.register("client_secret_basic");
            Map<String, Object> update = new HashMap<>(given().header("Authorization", client.bearer())
                    .get(CONFIGURATION, client.clientId()).then().statusCode(200).extract().jsonPath().getMap("$"));
            update.put("client_name", "Renamed");
            update.put("client_secret", client.clientSecret());
            given().header("Authorization", client.bearer()).contentType(ContentType.JSON).body(update)
                    .put(CONFIGURATION, client.clientId()).then().statusCode(200);
            String newSecret = given().header("Authorization", client.bearer())
                    .post(CONFIGURATION + "/secret", client.clientId()).then().statusCode(200)
                    .extract().path("client_secret");
            given().header("Authorization", client.bearer()).delete(CONFIGURATION, client.clientId())
                    .then().statusCode(204);

            for (String event : List.of("client.created", "client.updated", "client.secret_rotated", "client.deleted")) {
                assertTrue(audit.of(event).stream().anyMatch(line -> line.contains("client_id=" + client.clientId())),
                        event + " is audited: " + audit.all());
            }
            assertNoSecret(audit.all(), client.clientSecret(), newSecret, client.registrationAccessToken());
        }
        assertEquals(created + 1, count("client.created"));
        assertEquals(updated + 1, count("client.updated"));
        assertEquals(rotated + 1, count("client.secret_rotated"));
        assertEquals(deleted + 1, count("client.deleted"));
    }

    @Test
    void developerAppsWhenApiKeyCreatedRotatedAndDeletedThenEachCountedWithoutTheKey() {
        TestAccounts.Account developer = TestAccounts.create("keyaudit");
        String bearer = FirstPartyTokens.bearerFor(developer.id());
        double created = count("api_key.created");
        double rotated = count("api_key.rotated");
        double deleted = count("api_key.deleted");
        try (AuditLines audit = AuditLines.capture()) {
            TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Audited app");
            String rotatedKey = given().header("Authorization", bearer).post(APPS + "/{id}/api-key", app.clientId())
                    .then().statusCode(200).extract().path("api_key");
            given().header("Authorization", bearer).delete(APPS + "/{id}", app.clientId()).then().statusCode(204);

            for (String event : List.of("api_key.created", "api_key.rotated", "api_key.deleted", "client.created",
                    "client.deleted")) {
                assertTrue(audit.of(event).stream().anyMatch(line -> line.contains("client_id=" + app.clientId())),
                        event + " is audited: " + audit.all());
            }
            assertNoSecret(audit.all(), app.apiKey(), rotatedKey);
        }
        assertEquals(created + 1, count("api_key.created"));
        assertEquals(rotated + 1, count("api_key.rotated"));
        assertEquals(deleted + 1, count("api_key.deleted"));
    }

    private double count(String event) {
        Counter counter = meters.find("gatehouse.audit.events").tags("event", event, "outcome", "success").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Neither a whole credential nor its secret part (after the key id of an API key) appears. */
    private static void assertNoSecret(String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a credential was logged");
            if (secret.contains(".")) {
                assertFalse(text.contains(secret.substring(secret.indexOf('.') + 1)), "a key's secret part was logged");
            }
        }
    }
}
