package org.gatehouse.registration.config;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.gatehouse.registration.TestApps;
import org.gatehouse.registration.testing.TestAccessTokens;
import org.gatehouse.testing.DnsLookups;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The trusted proxies of application.properties cost no DNS lookup per request ({@link DnsLookups}). */
@QuarkusTest
@TestProfile(DnsLookups.OnLoopbackRecorder.class)
class TrustedProxiesDnsTest {

    @Inject
    Vertx vertx;

    @Test
    void handleWhenRequestsArriveThroughTheEdgeThenNoDnsLookups() throws Exception {
        String token = TestAccessTokens.valid(TestApps.registerDefault().clientId(), "read");
        DnsLookups.assertNoneWhileServing(name -> vertx.createDnsClient().resolveA(name).toCompletionStage(), () -> {
            for (int i = 0; i < 10; i++) {
                given().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "http")
                        .auth().oauth2(token)
                        .when().get("/api/v1/apps/verify_credentials")
                        .then().statusCode(200).body("name", equalTo("Test app"));
                ManagementInterface.given().when().get("/q/health/live").then().statusCode(200);
            }
        });
    }
}
