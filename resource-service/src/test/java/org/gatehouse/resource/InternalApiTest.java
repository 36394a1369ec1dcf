package org.gatehouse.resource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.InternalApiContract;
import org.gatehouse.testing.TestJwksResource;

import java.util.Map;
import java.util.Set;

/**
 * resource-service serves no internal API: the contract holds that none appears unnoticed, and that every spelling
 * of an {@code /internal} path still needs a service token.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
class InternalApiTest extends InternalApiContract {

    @Override
    protected String service() {
        return "resource-service";
    }

    @Override
    protected Map<String, Set<String>> callers() {
        return Map.of();
    }
}
