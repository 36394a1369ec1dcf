package org.gatehouse.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operational surface every service must expose (ARCHITECTURE.md "One public origin"): each service's
 * {@code ServiceSurfaceTest} extends this as a {@code @QuarkusTest}.
 */
public abstract class ServiceSurfaceContract {

    @Test
    void readinessWhenDatabaseIsUpThenUpWithDatabaseCheck() {
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void livenessAndStartedWhenRunningThenUp() {
        ManagementInterface.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ManagementInterface.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsWhenScrapedThenPrometheusText() {
        ManagementInterface.given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * Trust boundaries in Kubernetes: the probes and Prometheus used the application port, so the monitoring
     * namespace could reach the public and /internal APIs as well. Health and metrics live on the management
     * interface only.
     */
    @Test
    void healthAndMetricsWhenRequestedOnTheApplicationPortThenNotFound() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void openApiWhenRequestedThenServed() {
        ManagementInterface.given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void internalWhenNoServiceTokenThenInvalidToken() {
        given().get("/internal/anything").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void unknownPathWhenRequestedThenJsonNotFound() {
        given().get("/no-such-page").then().statusCode(404).body("error", equalTo("not_found"));
    }
}
