package org.gatehouse.token.internal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.gatehouse.testing.TestTokens;
import org.gatehouse.token.support.AccessTokens;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /internal/userinfo-signatures}: signed UserInfo answers (OIDC Core §5.3.2) for resource-service. */
@QuarkusTest
class UserInfoSignatureResourceTest {

    private static final String PATH = "/internal/userinfo-signatures";

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void signWhenClientRegisteredAnAlgorithmThenJwtVerifiesWithThePublishedKeysAndNamesIssuerAndClient(String alg)
            throws Exception {
        Response signed = sign(Map.of("client_id", "app-7", "alg", alg,
                "claims", Map.of("sub", "user-1", "name", "Ada", "iss", "https://forged.example")));
        signed.then().statusCode(200)
                .contentType("application/jwt")
                .header("Cache-Control", "no-store");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(signed.asString());
        assertEquals(alg, jws.getAlgorithmHeaderValue());
        JsonWebKeySet keys = new JsonWebKeySet(given().get("/oauth/jwks").asString());
        jws.setKey(new VerificationJwkSelector().select(jws, keys.getJsonWebKeys()).getKey());
        assertTrue(jws.verifySignature(), "signed with a key of the published JWKS");
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals(AccessTokens.ISSUER, claims.getIssuer(), "iss is the issuer, whatever the caller sent");
        assertEquals(List.of("app-7"), claims.getAudience());
        assertEquals("user-1", claims.getSubject());
        assertEquals("Ada", claims.getStringClaimValue("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "PS256", "rs256", ""})
    void signWhenAlgorithmNotOneOfOursThen400(String alg) {
        sign(Map.of("client_id", "app-7", "alg", alg, "claims", Map.of("sub", "user-1")))
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_request"));
    }

    @Test
    void signWhenClientOrSubjectMissingThen400() {
        sign(Map.of("alg", "RS256", "claims", Map.of("sub", "user-1"))).then().statusCode(400);
        sign(Map.of("client_id", "app-7", "alg", "RS256", "claims", Map.of("name", "Ada"))).then().statusCode(400);
        Map<String, Object> noClaims = new HashMap<>(Map.of("client_id", "app-7", "alg", "RS256"));
        sign(noClaims).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    private static Response sign(Map<String, Object> body) {
        return given().header("Authorization", TestTokens.serviceAuthorization("resource-service", "token-service"))
                .contentType(ContentType.JSON).accept("application/jwt, application/json").body(body)
                .post(PATH);
    }
}
