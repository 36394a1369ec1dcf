package org.gatehouse.token.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With an https issuer, the siblings that verify bearer tokens fetch the signing keys from token-service inside the
 * cluster over plain http. From the public {@code /oauth/jwks} they got "HTTPS required", and userinfo answered 500
 * "OIDC Server is not available" behind every TLS ingress; {@code /internal/jwks} serves them the same key set,
 * judged by their service JWT instead of the transport.
 */
@QuarkusTest
@TestProfile(SiblingJwksResourceTest.HttpsIssuer.class)
class SiblingJwksResourceTest {

    public static class HttpsIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.public-url", "https://gatehouse.example");
        }
    }

    @Test
    void jwksWhenIssuerHttpsAndSiblingFetchesOverPlainHttpThenTheKeySetOfThePublicRoute() {
        given().get("/oauth/jwks").then().statusCode(400).body("error_description", equalTo("HTTPS required"));

        List<String> published = given().header("X-Forwarded-Proto", "https").get("/oauth/jwks")
                .then().statusCode(200).extract().path("keys.kid");
        for (String sibling : List.of("registration-service", "authorization-service", "resource-service")) {
            List<String> served = given().header("Authorization", TestTokens.serviceAuthorization(sibling, "token-service"))
                    .get("/internal/jwks")
                    .then().statusCode(200)
                    .body("keys", not(hasSize(0)))
                    .body("keys.findAll { it.d != null }", hasSize(0))
                    .extract().path("keys.kid");
            assertEquals(published, served, sibling);
        }
    }

    @Test
    void jwksWhenNoServiceTokenThenInvalidToken() {
        given().get("/internal/jwks").then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
