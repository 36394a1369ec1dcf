package org.gatehouse.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

/**
 * Requests to the management interface of the service under test ({@code /q/health/*}, {@code /q/metrics},
 * {@code /q/openapi}), which listens on a port of its own (a random one in tests:
 * {@code quarkus.management.test-port=0}), never on the application port.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification given() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }
}
