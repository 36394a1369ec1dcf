package org.gatehouse.registration.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The probes, metrics and OpenAPI every service serves (ARCHITECTURE.md "One public origin"). */
@QuarkusTest
class ObservabilityEndpointsTest {

    @Test
    void handleWhenProbedThenLiveAndReadyWithDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void handleWhenScrapedThenPrometheusText() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void handleWhenOpenApiRequestedThenPublicEndpointsDescribed() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/apps"))
                .body(containsString("/api/v1/apps/verify_credentials"))
                .body(containsString("/register"))
                .body(containsString("/api/v1/developer/apps"));
    }
}
