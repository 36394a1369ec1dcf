package org.gatehouse.registration.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.gatehouse.registration.rest.RegistrationRateLimitTest.assertRateLimited;
import static org.gatehouse.registration.rest.RegistrationRateLimitTest.mastodonApp;

/**
 * A caller that is not a trusted proxy cannot escape its per-IP limit by sending {@code X-Forwarded-For}: here the
 * test client (loopback) is not in {@code trusted-proxies}, so every request counts against its own address.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@TestProfile(UntrustedPeerRateLimitTest.LoopbackNotTrusted.class)
class UntrustedPeerRateLimitTest {

    public static class LoopbackNotTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.rate-limit.routes.client-registration-ip.capacity", "4",
                    "gatehouse.rate-limit.routes.client-registration-ip.period", "1h",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.10");
        }
    }

    @Test
    void registerWhenUntrustedPeerSpoofsForwardedForThenStillRateLimited() {
        for (int i = 0; i < 4; i++) {
            mastodonApp(given().header("X-Forwarded-For", "203.0.113." + i)).then().statusCode(200);
        }
        assertRateLimited(mastodonApp(given().header("X-Forwarded-For", "203.0.113.99")), 4);
        assertRateLimited(mastodonApp(given().header("X-Forwarded-For", "198.51.100.7, 203.0.113.1")), 4);
    }
}
