package org.gatehouse.token.config;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.gatehouse.testing.DnsLookups;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** The trusted proxies of application.properties cost no DNS lookup per request ({@link DnsLookups}). */
@QuarkusTest
@TestProfile(DnsLookups.OnLoopbackRecorder.class)
class TrustedProxiesDnsTest {

    @Inject
    Vertx vertx;

    @Test
    void handleWhenRequestsArriveThroughTheEdgeThenNoDnsLookups() throws Exception {
        DnsLookups.assertNoneWhileServing(name -> vertx.createDnsClient().resolveA(name).toCompletionStage(), () -> {
            for (int i = 0; i < 10; i++) {
                given().redirects().follow(false)
                        .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "http")
                        .when().get("/oauth/jwks")
                        .then().statusCode(200);
                ManagementInterface.given().when().get("/q/health/live").then().statusCode(200);
            }
        });
    }
}
