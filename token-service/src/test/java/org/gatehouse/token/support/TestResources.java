package org.gatehouse.token.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.gatehouse.testing.EmbeddedPostgresResource;

/**
 * Declares the test resources of every {@code @QuarkusTest} in this module (they apply globally): a real
 * embedded PostgreSQL and the registration-service and authorization-service doubles.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(RegistrationDouble.class)
@QuarkusTestResource(AuthorizationDouble.class)
public final class TestResources {

    private TestResources() {
    }
}
