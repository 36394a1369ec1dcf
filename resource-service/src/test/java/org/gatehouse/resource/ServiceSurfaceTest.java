package org.gatehouse.resource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.ServiceSurfaceContract;
import org.gatehouse.testing.TestJwksResource;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {
}
