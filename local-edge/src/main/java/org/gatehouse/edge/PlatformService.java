package org.gatehouse.edge;

import java.util.Arrays;
import java.util.List;

/**
 * The four services of the platform, each on a fixed offset from the port base (8081-8084 by default), with its
 * management interface (health, metrics, OpenAPI) {@link #MANAGEMENT_OFFSET} above (9081-9084), as in the chart.
 */
public enum PlatformService {

    REGISTRATION("registration-service", 1),
    AUTHORIZATION("authorization-service", 2),
    TOKEN("token-service", 3),
    RESOURCE("resource-service", 4);

    /** Management port = application port + this. */
    public static final int MANAGEMENT_OFFSET = 1000;

    private final String serviceName;
    private final int portOffset;

    PlatformService(String serviceName, int portOffset) {
        this.serviceName = serviceName;
        this.portOffset = portOffset;
    }

    /** Module directory = artifactId = quarkus.application.name = the name in routes.yaml. */
    public String serviceName() {
        return serviceName;
    }

    public int port(int portBase) {
        return portBase + portOffset;
    }

    public int managementPort(int portBase) {
        return port(portBase) + MANAGEMENT_OFFSET;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(PlatformService::serviceName).toList();
    }
}
