package org.gatehouse.registration.admin;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap admin client (the test profile sets {@code gatehouse.bootstrap.admin-client-id} and {@code -secret}):
 * created at start with the operator-granted admin scopes, never overwritten afterwards.
 */
@QuarkusTest
class BootstrapAdminClientTest {

    static final String ID = "test-bootstrap-admin";
    static final String SECRET = "test-only-bootstrap-admin-secret-0123456789";
    private static final String FROM_TOKEN_SERVICE =
            TestTokens.serviceAuthorization("token-service", "registration-service");

    @Inject
    BootstrapAdminClient bootstrap;

    @Test
    void onStartWhenBootstrapVariablesSetThenConfidentialClientCredentialsClientHoldsAdminScopes() {
        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get("/internal/clients/{id}", ID)
                .then().statusCode(200)
                .body("scopes", contains("admin:read", "admin:write"))
                .body("grant_types", contains("client_credentials"))
                .body("token_endpoint_auth_methods", contains("client_secret_basic"))
                .body("redirect_uris", org.hamcrest.Matchers.empty())
                .body("secret_hashes", contains(ClientSecretIssuer.hash(SECRET)));
    }

    /** A redeployed environment with another secret must not take over the admin client silently. */
    @Test
    void ensureWhenClientExistsWithAnotherSecretThenStoredSecretKept() {
        assertFalse(bootstrap.ensure(ID, "another-secret-of-enough-length-0123456789"));
        assertFalse(bootstrap.ensure(ID, SECRET));

        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get("/internal/clients/{id}", ID)
                .then().statusCode(200)
                .body("secret_hashes", contains(ClientSecretIssuer.hash(SECRET)))
                .body("scopes", contains("admin:read", "admin:write"));
    }

    @Test
    void ensureWhenAbsentThenCreatedOnce() {
        String id = "bootstrap-" + System.nanoTime();
        assertTrue(bootstrap.ensure(id, SECRET));
        assertFalse(bootstrap.ensure(id, SECRET));
    }

    @Test
    void ensureWhenSecretShortOrIdMalformedThenRefusedAndNothingStored() {
        String id = "bootstrap-short-" + System.nanoTime();
        assertThrows(IllegalStateException.class, () -> bootstrap.ensure(id, "short"));
        assertThrows(IllegalStateException.class, () -> bootstrap.ensure("bad id", SECRET));
        assertThrows(IllegalStateException.class, () -> bootstrap.ensure(id, SECRET.replace('-', ' ')));

        given().header("Authorization", FROM_TOKEN_SERVICE)
                .when().get("/internal/clients/{id}", id)
                .then().statusCode(404);
    }
}
