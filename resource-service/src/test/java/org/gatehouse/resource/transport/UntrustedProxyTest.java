package org.gatehouse.resource.transport;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code X-Forwarded-Proto} counts only from a trusted proxy: a client that reaches the service directly and
 * claims {@code https} is still refused with "HTTPS required" (platform-common's HttpsRequirement behind
 * {@code quarkus.http.proxy.trusted-proxies}).
 */
@QuarkusTest
@TestProfile(UntrustedProxyTest.IngressElsewhere.class)
class UntrustedProxyTest {

    public static class IngressElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.public-url", "https://gatehouse.example",
                    "quarkus.oidc.token.issuer", "https://gatehouse.example",
                    "quarkus.oidc.token.audience", "https://gatehouse.example",
                    // The ingress lives elsewhere; the test client (loopback) is not it.
                    "quarkus.http.proxy.trusted-proxies", "10.255.255.1");
        }
    }

    @Test
    void publicRequestWhenUntrustedPeerClaimsHttpsThenHttpsRequired() {
        String token = TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "read")
                .issuer("https://gatehouse.example").audience("https://gatehouse.example"));
        for (String path : new String[] {"/oauth/userinfo", "/api/v1/nodes"}) {
            given().auth().oauth2(token).header("X-Forwarded-Proto", "https").get(path).then().statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", equalTo("HTTPS required"))
                    .header("Strict-Transport-Security", nullValue());
            given().auth().oauth2(token).header("Forwarded", "proto=https").get(path).then().statusCode(400)
                    .body("error_description", equalTo("HTTPS required"));
        }
    }
}
