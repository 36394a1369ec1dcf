package org.gatehouse.resource.transport;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.ManagementInterface;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * With an https public URL (production), plain-http public requests are refused (platform-common's HttpsRequirement)
 * and a request the trusted proxy forwarded over TLS is served. The profile changes only the public URL: the
 * forwarded-header trust is this service's own application.properties, as in production (where resource-service
 * once answered "HTTPS required" to requests that did arrive over TLS, because it alone ignored X-Forwarded-Proto).
 */
@QuarkusTest
@TestProfile(HttpsRequirementTest.BehindTlsIngress.class)
class HttpsRequirementTest {

    public static class BehindTlsIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.public-url", "https://gatehouse.example",
                    "quarkus.oidc.token.issuer", "https://gatehouse.example",
                    "quarkus.oidc.token.audience", "https://gatehouse.example");
        }
    }

    private static String token() {
        return TestTokens.sign(TestTokens.accessToken(SiblingDoubles.ALICE_ID, "app-1", "read")
                .issuer("https://gatehouse.example").audience("https://gatehouse.example"));
    }

    @Test
    void publicRequestWhenPlainHttpThenHttpsRequiredAndNothingServed() {
        given().auth().oauth2(token()).get("/oauth/userinfo").then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("HTTPS required"))
                .header("Strict-Transport-Security", nullValue());
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "http").get("/api/v1/nodes").then().statusCode(400);
    }

    @Test
    void publicRequestWhenForwardedOverTlsByTrustedProxyThenServedWithHsts() {
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "https").get("/oauth/userinfo").then().statusCode(200)
                .body("username", equalTo("alice"))
                .header("Strict-Transport-Security", startsWith("max-age="));
    }

    /**
     * A forged left-most {@code X-Forwarded-Proto}: behind a proxy that appends its value (or adds its own header
     * line), a client on plain http that sends {@code X-Forwarded-Proto: https} arrives as {@code https, http}.
     * Quarkus reads the left-most value, the client's; only the right-most, the proxy's, may count. Nor does
     * {@code X-Forwarded-Ssl: on}, which Quarkus honours too and no ingress of ours sets.
     */
    @Test
    void publicRequestWhenClientForgesLeftMostForwardedProtoThroughAppendingProxyThenHttpsRequired() {
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "https, http").get("/oauth/userinfo").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("HTTPS required"))
                .header("Strict-Transport-Security", nullValue());
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "https").header("X-Forwarded-Proto", "http")
                .get("/api/v1/nodes").then().statusCode(400).body("error_description", equalTo("HTTPS required"));
        given().auth().oauth2(token()).header("X-Forwarded-Ssl", "on").get("/oauth/userinfo").then().statusCode(400)
                .body("error_description", equalTo("HTTPS required"));
    }

    /** The same proxy appending {@code https} after whatever the client sent: the request did arrive over TLS. */
    @Test
    void publicRequestWhenAppendingProxyWritesHttpsLastThenServedWithHsts() {
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "http, https").get("/oauth/userinfo").then()
                .statusCode(200)
                .header("Strict-Transport-Security", startsWith("max-age="));
        given().auth().oauth2(token()).header("X-Forwarded-Proto", "http").header("X-Forwarded-Proto", "https")
                .get("/oauth/userinfo").then().statusCode(200);
    }

    @Test
    void probesAndInternalCallsWhenPlainHttpThenNotRefusedForTransport() {
        ManagementInterface.given().get("/q/health/live").then().statusCode(200);
        // /internal is guarded by service tokens, not by transport: without one it is 401, not "HTTPS required".
        given().get("/internal/anything").then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
