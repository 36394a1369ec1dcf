package org.gatehouse.registration.health;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The probes, metrics and OpenAPI every service serves (ARCHITECTURE.md "One public origin"). */
@QuarkusTest
class ObservabilityEndpointsTest {

    @Test
    void handleWhenProbedThenLiveAndReadyWithDatabase() {
        ManagementInterface.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ManagementInterface.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * Trust boundaries in Kubernetes: the probes and Prometheus used the application port, so the monitoring
     * namespace could reach the public and /internal APIs as well. Health and metrics live on the management
     * interface only.
     */
    @Test
    void handleWhenProbedOrScrapedOnTheApplicationPortThenNotFound() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void handleWhenScrapedThenPrometheusText() {
        ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void handleWhenOpenApiRequestedThenPublicEndpointsDescribed() {
        ManagementInterface.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/apps"))
                .body(containsString("/api/v1/apps/verify_credentials"))
                .body(containsString("/register"))
                .body(containsString("/api/v1/developer/apps"));
    }
}
