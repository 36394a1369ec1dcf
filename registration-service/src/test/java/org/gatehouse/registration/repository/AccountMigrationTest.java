package org.gatehouse.registration.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.gatehouse.registration.account.PasswordHasher;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Accounts from before V6 (which let an e-mail address be a user name and changed the name's check constraints)
 * keep working: the schema is migrated by hand to V5, an account is stored the way the service stored them then,
 * then Flyway applies the rest and the account signs in.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(AccountMigrationTest.MigratedByTheTest.class)
class AccountMigrationTest {

    public static class MigratedByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No bootstrap admin client either: there is no client table until the test migrates.
            return Map.of("quarkus.flyway.migrate-at-start", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none",
                    "gatehouse.bootstrap.admin-client-id", "", "gatehouse.bootstrap.admin-client-secret", "");
        }
    }

    @Inject
    Flyway flyway;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PasswordHasher hasher;

    @Test
    void migrateWhenAccountCreatedBeforeV6ThenItStillSignsInByNameInAnyCaseAndByUserKey() throws Exception {
        assumeTrue(System.getenv("GATEHOUSE_TEST_DB_URL") == null, "needs the embedded database, empty");
        assertNull(flyway.info().current(), "this profile's database starts empty");
        Flyway.configure().configuration(flyway.getConfiguration()).target("5").load().migrate();
        assertEquals("5", flyway.info().current().getVersion().getVersion());

        String username = TestAccounts.uniqueUsername("Legacy");
        String userKey = "uk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        UUID id = UUID.randomUUID();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into registration.account (id, username,"
                     + " username_key, email, email_key, display_name, password_hash, user_key, created_at)"
                     + " values (?, ?, lower(?), ?, lower(?), ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, username);
            insert.setString(3, username);
            insert.setString(4, "Legacy@Example.org");
            insert.setString(5, "Legacy@Example.org");
            insert.setString(6, username);
            insert.setString(7, hasher.hash(TestAccounts.PASSWORD));
            insert.setString(8, userKey);
            insert.setTimestamp(9, Timestamp.from(created));
            insert.executeUpdate();
        }

        flyway.migrate();
        assertTrue(flyway.info().current().getVersion().isNewerThan(MigrationVersion.fromVersion("5")));

        for (Map<String, String> credentials : List.of(
                Map.of("username", username.toUpperCase(), "password", TestAccounts.PASSWORD),
                Map.of("user_key", userKey, "password", TestAccounts.PASSWORD))) {
            given().header("Authorization", TestAccounts.fromAuthorizationService())
                    .contentType(ContentType.JSON)
                    .body(credentials)
                    .when().post("/internal/accounts/authenticate")
                    .then().statusCode(200)
                    .body("id", equalTo(id.toString()))
                    .body("username", equalTo(username))
                    // V10: an account from before names were editable last changed when it was created.
                    .body("updated_at", equalTo(created.toString()))
                    .body("given_name", nullValue())
                    // V12: nor did it give any other profile claim.
                    .body("birthdate", nullValue())
                    .body("locale", nullValue());
        }
        // Its name and e-mail address stay taken, and e-mail user names are now accepted beside it.
        register(username.toLowerCase()).statusCode(409);
        register("legacy@example.org").statusCode(409);
        register(TestAccounts.uniqueAddress("after")).statusCode(201);
    }

    private static ValidatableResponse register(String userId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("user_id", userId, "user_secret", TestAccounts.PASSWORD))
                .when().post("/register").then();
    }
}
