package org.gatehouse.token.health;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class SigningKeyHealthCheckTest {

    @Test
    void readinessWhenKeyLoadedThenUpWithActiveKid() {
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("signing-key"))
                .body("checks.find { it.name == 'signing-key' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'signing-key' }.data.active_kid", notNullValue());
    }
}
