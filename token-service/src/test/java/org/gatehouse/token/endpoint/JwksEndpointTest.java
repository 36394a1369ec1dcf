package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.gatehouse.token.issue.SigningAlgorithm;
import org.gatehouse.token.issue.SigningKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class JwksEndpointTest {

    @Inject
    SigningKeys signingKeys;

    @Test
    void jwksWhenRequestedThenPublicEs256AndRs256KeysOnlyAndCacheable() {
        List<Map<String, Object>> keys = given()
                .get("/oauth/jwks")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", equalTo("public, max-age=300"))
                .body("keys.kid", hasItem(signingKeys.activeKid().orElseThrow()))
                .body("keys.kty", hasItem("EC"))
                .body("keys.crv", hasItem("P-256"))
                .body("keys.alg", hasItem("ES256"))
                // ID tokens are RS256 (OIDC Core §15.1), from their own ring beside the ES256 one.
                .body("keys.kid", hasItem(signingKeys.activeKid(SigningAlgorithm.RS256).orElseThrow()))
                .body("keys.kty", hasItem("RSA"))
                .body("keys.alg", hasItem("RS256"))
                .body("keys.use", hasItem("sig"))
                .extract().path("keys");

        for (Map<String, Object> key : keys) {
            for (String privateMember : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.containsKey(privateMember), "no private member is published");
            }
        }
    }
}
