package org.gatehouse.testing;

import org.junit.jupiter.api.Test;

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
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void livenessAndStartedWhenRunningThenUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsWhenScrapedThenPrometheusText() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiWhenRequestedThenServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
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
