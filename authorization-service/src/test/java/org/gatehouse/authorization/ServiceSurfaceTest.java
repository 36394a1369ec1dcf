package org.gatehouse.authorization;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.ServiceSurfaceContract;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {
}
