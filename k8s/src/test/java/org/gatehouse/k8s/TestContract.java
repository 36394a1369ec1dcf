package org.gatehouse.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cross-service contract the manifests must honour (/tmp contracts, ARCHITECTURE.md): ports, the
 * environment every service is given, health and metrics paths.
 */
final class TestContract {

    /** Service → HTTP port (quarkus.http.port / QUARKUS_HTTP_PORT). */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("registration-service", 8081);
        SERVICES.put("authorization-service", 8082);
        SERVICES.put("token-service", 8083);
        SERVICES.put("resource-service", 8084);
    }

    /** Service → management port (quarkus.management.port): health, metrics, OpenAPI; never the public APIs. */
    static final Map<String, Integer> MANAGEMENT = new LinkedHashMap<>();

    static {
        SERVICES.forEach((service, port) -> MANAGEMENT.put(service, port + 1000));
    }

    /** Env the launcher / Kubernetes sets on every service. */
    static final List<String> COMMON_ENV = List.of(
            "QUARKUS_HTTP_PORT",
            "QUARKUS_MANAGEMENT_PORT",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "GATEHOUSE_PUBLIC_URL",
            "GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY",
            "GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS");

    /** Env only some services get. */
    static final Map<String, List<String>> EXTRA_ENV = Map.of(
            "registration-service", List.of("QUARKUS_OIDC_AUTH_SERVER_URL", "REGISTRATION_CLIENT_JWT_SECRET_KEY"),
            "authorization-service", List.of(),
            "token-service", List.of("TOKEN_KEY_ENCRYPTION_KEY", "QUARKUS_REST_CLIENT_REGISTRATION_URL"),
            "resource-service", List.of("QUARKUS_OIDC_AUTH_SERVER_URL"));

    /** Env that must come from a Secret, never a ConfigMap or a literal. */
    static final Set<String> SECRET_ENV = Set.of(
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY",
            "GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS",
            "TOKEN_KEY_ENCRYPTION_KEY",
            "REGISTRATION_CLIENT_JWT_SECRET_KEY");

    static final String STARTED = "/q/health/started";
    static final String READY = "/q/health/ready";
    static final String LIVE = "/q/health/live";
    static final String METRICS = "/q/metrics";

    private TestContract() {
    }

    static Set<String> requiredEnv(String service) {
        Set<String> names = new TreeSet<>(COMMON_ENV);
        names.addAll(EXTRA_ENV.get(service));
        return names;
    }
}
