package org.gatehouse.registration.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing open registration: with {@code registration.open-app-registration=false} nobody can register a Mastodon app
 * (and with it a redirect URI of their choosing) through {@code POST /api/v1/apps}, in any body format.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(ClosedAppRegistrationTest.Closed.class)
class ClosedAppRegistrationTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registration.open-app-registration", "false");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void registerWhenAppRegistrationClosedThen403AccessDeniedAndNothingStored() throws Exception {
        long before = clients();
        given().contentType(ContentType.JSON)
                .body(Map.of("client_name", "Closed", "redirect_uris", "https://evil.example/x"))
                .when().post("/api/v1/apps")
                .then().statusCode(403)
                .body("error", equalTo("access_denied"));
        given().contentType(ContentType.URLENC)
                .formParam("client_name", "Closed").formParam("redirect_uris", "https://evil.example/x")
                .when().post("/api/v1/apps")
                .then().statusCode(403)
                .body("error", equalTo("access_denied"));
        assertEquals(before, clients());
    }

    private long clients() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM registration.client");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
