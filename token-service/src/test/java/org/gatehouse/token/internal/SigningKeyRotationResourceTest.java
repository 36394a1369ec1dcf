package org.gatehouse.token.internal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.token.issue.AccessTokenIssuer;
import org.gatehouse.token.issue.SigningKeys;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.TestSigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The operator's rotation API over HTTP: only token-service's own service identity may use it. */
@QuarkusTest
class SigningKeyRotationResourceTest {

    private static final String ROTATE = "/internal/signing-keys/rotate";

    @Inject
    SigningKeys signingKeys;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void keysInMemoryMatchTheDatabase() {
        signingKeys.reload();
    }

    @Test
    void rotateWhenAllowedCallerAndNextPublishedLongEnoughThenNextSignsAndStateReturned() throws Exception {
        String oldKid = signingKeys.activeKid().orElseThrow();
        String nextKid = TestSigningKeys.kidWithStatus(dataSource, "NEXT");
        String tokenOfOldKey = issuer.issue("subject", "client", Set.of("read")).value();
        TestSigningKeys.age(dataSource, Duration.ofMinutes(61));

        JsonPath state = given()
                .header("Authorization", TestTokens.serviceAuthorization("token-service", "token-service"))
                .post(ROTATE)
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .body("rotated", equalTo(true))
                .body("active_kid", equalTo(nextKid))
                .body("next_kid", notNullValue())
                .body("keys.find { it.kid == '" + oldKid + "' }.status", equalTo("RETIRED"))
                .body("keys.find { it.kid == '" + oldKid + "' }.unpublish_at", notNullValue())
                .body("keys.find { it.kid == '" + nextKid + "' }.status", equalTo("ACTIVE"))
                .extract().jsonPath();

        assertFalse(state.prettify().contains("private_jwe") || state.prettify().contains("\"d\""),
                "no key material in the answer");
        given().get("/oauth/jwks").then().statusCode(200)
                .body("keys.kid", hasItems(oldKid, nextKid, state.getString("next_kid")));
        String tokenOfNewKey = issuer.issue("subject", "client", Set.of("read")).value();
        assertEquals(nextKid, AccessTokens.verify(tokenOfNewKey).getJoseObjects().get(0).getKeyIdHeaderValue());
        assertEquals(oldKid, AccessTokens.verify(tokenOfOldKey).getJoseObjects().get(0).getKeyIdHeaderValue());
    }

    @Test
    void rotateWhenNextPublishedTooRecentlyThenConflictWithRetryAfter() throws Exception {
        TestSigningKeys.age(dataSource, Duration.ofMinutes(61));
        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "token-service"))
                .post(ROTATE).then().statusCode(200);

        given()
                .header("Authorization", TestTokens.serviceAuthorization("token-service", "token-service"))
                .post(ROTATE)
                .then()
                .statusCode(409)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("conflict"))
                .body("error_description", notNullValue());
    }

    @Test
    void rotateWhenNoServiceTokenThenInvalidToken() {
        given().post(ROTATE).then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", notNullValue());
    }

    @Test
    void rotateWhenServiceTokenForAnotherAudienceOrForgedThenInvalidToken() {
        given().header("Authorization", TestTokens.serviceAuthorization("token-service", "registration-service"))
                .post(ROTATE).then().statusCode(401).body("error", equalTo("invalid_token"));
        given().header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ0b2tlbi1zZXJ2aWNlIn0.")
                .post(ROTATE).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void rotateWhenSiblingServiceCallsThenAccessDeniedAndNothingChanges() throws Exception {
        String active = signingKeys.activeKid().orElseThrow();
        TestSigningKeys.age(dataSource, Duration.ofMinutes(61));

        for (String sibling : new String[] {"authorization-service", "registration-service", "resource-service"}) {
            given().header("Authorization", TestTokens.serviceAuthorization(sibling, "token-service"))
                    .post(ROTATE)
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("access_denied"))
                    .body("error_description", notNullValue());
        }
        assertEquals(active, TestSigningKeys.kidWithStatus(dataSource, "ACTIVE"));
    }

    @Test
    void keysWhenAllowedCallerThenStatesWithoutKeyMaterial() {
        given()
                .header("Authorization", TestTokens.serviceAuthorization("token-service", "token-service"))
                .get("/internal/signing-keys")
                .then()
                .statusCode(200)
                .body("active_kid", equalTo(signingKeys.activeKid().orElseThrow()))
                .body("keys.status", hasItems("ACTIVE", "NEXT"))
                .body("keys.alg", hasItem("ES256"))
                .body("keys.find { it.status == 'NEXT' }.activates_at", notNullValue())
                .body("rotated", equalTo(null));
        given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "token-service"))
                .get("/internal/signing-keys").then().statusCode(403);
    }
}
