package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's Deployment keeps the contract in every render: port, health probes, metrics annotations,
 * resources, the hardened security context, and an environment that covers the launcher contract's names.
 */
class DeploymentContractTest {

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenContainersListenAndAreProbedOnTheContractPaths(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        TestContract.SERVICES.forEach((service, port) -> {
            Deployment deployment = manifests.get(Deployment.class, service);
            Container container = onlyContainer(deployment);
            String at = source + " " + service;
            int management = TestContract.MANAGEMENT.get(service);
            assertEquals(2, container.getPorts().size(), at);
            assertEquals(port, container.getPorts().get(0).getContainerPort(), at + " containerPort");
            assertEquals("http", container.getPorts().get(0).getName(), at);
            assertEquals(management, container.getPorts().get(1).getContainerPort(), at + " management containerPort");
            assertEquals("management", container.getPorts().get(1).getName(), at);
            // Probes and Prometheus use the management interface, never the application port.
            assertProbe(TestContract.STARTED, management, container.getStartupProbe(), container, at + " startup");
            assertProbe(TestContract.READY, management, container.getReadinessProbe(), container, at + " readiness");
            assertProbe(TestContract.LIVE, management, container.getLivenessProbe(), container, at + " liveness");
            // Flyway migrates before readiness: the startup probe must allow minutes, not seconds.
            Probe startup = container.getStartupProbe();
            assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 120, at + " startup budget");

            Service svc = manifests.get(Service.class, service);
            assertEquals(port, svc.getSpec().getPorts().get(0).getPort(), at + " Service port");
            assertEquals("management", svc.getSpec().getPorts().get(1).getName(), at + " Service management port");
            assertEquals(management, svc.getSpec().getPorts().get(1).getPort(), at + " Service management port");

            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertEquals("true", annotations.get("prometheus.io/scrape"), at);
            assertEquals(TestContract.METRICS, annotations.get("prometheus.io/path"), at);
            assertEquals(String.valueOf(management), annotations.get("prometheus.io/port"), at);
            assertEquals(String.valueOf(management), configValue(manifests, service, "QUARKUS_MANAGEMENT_PORT"), at);
        });
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenPodsRunNonRootReadOnlyWithoutPrivileges(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        for (String service : TestContract.SERVICES.keySet()) {
            Deployment deployment = manifests.get(Deployment.class, service);
            String at = source + " " + service;
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), at);
            assertEquals(185L, podSecurity.getRunAsUser(), at);
            assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType(), at);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), at);
            assertEquals(Boolean.FALSE, manifests.get(ServiceAccount.class, service).getAutomountServiceAccountToken(), at);
            assertEquals(service, pod.getServiceAccountName(), at);

            SecurityContext security = onlyContainer(deployment).getSecurityContext();
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), at);
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), at);
            assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), at);
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), at);
            assertTrue(security.getCapabilities().getAdd().isEmpty(), at);

            // The root filesystem is read-only: /tmp is the writable emptyDir.
            String tmpVolume = onlyContainer(deployment).getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName();
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
            assertNotNull(volume.getEmptyDir(), at + " /tmp is an emptyDir");

            assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType(), at);
            assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(), at);
            assertFalse(pod.getTopologySpreadConstraints().isEmpty(), at + " topologySpreadConstraints");
        }
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenResourcesAreRequestedAndLimited(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        for (String service : TestContract.SERVICES.keySet()) {
            var resources = onlyContainer(manifests.get(Deployment.class, service)).getResources();
            String at = source + " " + service;
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertNotNull(request, at + " request " + resource);
                assertNotNull(limit, at + " limit " + resource);
                assertTrue(Quantity.getAmountInBytes(limit).compareTo(Quantity.getAmountInBytes(request)) >= 0,
                        at + " " + resource + " limit below request");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenEnvironmentCoversTheLauncherContract(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        TestContract.SERVICES.forEach((service, port) -> {
            String at = source + " " + service;
            Map<String, String> literal = new HashMap<>();
            Set<String> fromSecrets = new TreeSet<>();
            Container container = onlyContainer(manifests.get(Deployment.class, service));
            container.getEnvFrom().forEach(from -> literal.putAll(
                    manifests.get(ConfigMap.class, from.getConfigMapRef().getName()).getData()));
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    fromSecrets.add(env.getName());
                } else {
                    literal.put(env.getName(), env.getValue());
                }
            }
            Set<String> names = new TreeSet<>(literal.keySet());
            names.addAll(fromSecrets);
            assertTrue(names.containsAll(TestContract.requiredEnv(service)),
                    at + " misses " + difference(TestContract.requiredEnv(service), names));
            for (String secret : TestContract.SECRET_ENV) {
                assertFalse(literal.containsKey(secret), at + " " + secret + " must come from a Secret");
            }

            assertEquals(String.valueOf(port), literal.get("QUARKUS_HTTP_PORT"), at);
            String publicUrl = literal.get("GATEHOUSE_PUBLIC_URL");
            assertTrue(publicUrl.startsWith("https://") && !publicUrl.endsWith("/"), at + " public URL " + publicUrl);
            assertTrue(literal.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://"), at);
            // Sibling URLs name a rendered Service and its port: http://<service>:<port>.
            literal.forEach((name, value) -> {
                if (name.startsWith("QUARKUS_REST_CLIENT_") || name.equals("QUARKUS_OIDC_AUTH_SERVER_URL")) {
                    URI uri = URI.create(value);
                    assertEquals("http", uri.getScheme(), at + " " + name);
                    Service target = manifests.get(Service.class, uri.getHost());
                    assertEquals(target.getSpec().getPorts().get(0).getPort(), uri.getPort(), at + " " + name);
                }
            });
        });
        assertEquals("http://token-service:8083", configValue(manifests, "registration-service", "QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals("http://token-service:8083", configValue(manifests, "resource-service", "QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals("http://registration-service:8081", configValue(manifests, "token-service", "QUARKUS_REST_CLIENT_REGISTRATION_URL"));
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenRegistrationServiceHasSeparateSignupAndClientRegistrationLimits(
            TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        assertEquals("30", configValue(manifests, "registration-service", "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_CAPACITY"));
        assertEquals("1h", configValue(manifests, "registration-service", "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_PERIOD"));
        assertEquals("60", configValue(manifests, "registration-service",
                "GATEHOUSE_RATE_LIMIT_ROUTES_CLIENT_REGISTRATION_IP_CAPACITY"));
        assertEquals("1h", configValue(manifests, "registration-service",
                "GATEHOUSE_RATE_LIMIT_ROUTES_CLIENT_REGISTRATION_IP_PERIOD"));
        assertFalse(manifests.get(ConfigMap.class, "token-service").getData().keySet().stream()
                .anyMatch(name -> name.startsWith("GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP")
                        || name.startsWith("GATEHOUSE_RATE_LIMIT_ROUTES_CLIENT_REGISTRATION_IP")), "limits go to their own service only");
    }

    @Test
    void renderWhenOperatorRaisesALimitThenOnlyThatRouteChangesAndThePodsRoll() {
        Manifests defaults = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        Manifests raised = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "raised-signup-limit",
                "rateLimits:\n  registration-service:\n    signup-ip:\n      capacity: 1000000\n      period: 15m\n"))));
        assertEquals("1000000", configValue(raised, "registration-service", "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_CAPACITY"));
        assertEquals("15m", configValue(raised, "registration-service", "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_PERIOD"));
        assertEquals("60", configValue(raised, "registration-service",
                "GATEHOUSE_RATE_LIMIT_ROUTES_CLIENT_REGISTRATION_IP_CAPACITY"));
        String checksum = "checksum/config";
        assertNotEquals(podAnnotation(defaults, "registration-service", checksum),
                podAnnotation(raised, "registration-service", checksum), "the pods roll with the new limit");
    }

    /**
     * Trust boundaries in Kubernetes: with no value the services fell back to trusting every private network, so any
     * pod could name the client through {@code X-Forwarded-For}. Every render now sets the trusted proxies: empty
     * (the peer alone, which the NetworkPolicy limits to the ingress controller) or the operator's ranges.
     */
    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenTrustedProxiesSetAndNeverPrivateNetworks(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        for (String service : TestContract.SERVICES.keySet()) {
            assertEquals("", configValue(manifests, service, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), source + " " + service);
        }
        Manifests named = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "trusted-proxies", "proxy:\n  trustedProxies: \"10.244.0.0/16, fd00:10:244::/56\"\n"))));
        for (String service : TestContract.SERVICES.keySet()) {
            assertEquals("10.244.0.0/16, fd00:10:244::/56",
                    configValue(named, service, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), service);
        }
    }

    /**
     * Trust boundaries in Kubernetes: the external database was reached with {@code sslmode=require}, which encrypts
     * but takes any certificate, so whoever sits on the path could pose as PostgreSQL and collect every service's
     * password. Every render now verifies the server (certificate and name), or names the evaluation PostgreSQL,
     * which has no TLS, in-namespace only.
     */
    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenExternalDatabaseTlsVerifiedFull(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        for (String service : TestContract.SERVICES.keySet()) {
            String url = configValue(manifests, service, "QUARKUS_DATASOURCE_JDBC_URL");
            String at = source + " " + service + " " + url;
            if (url.startsWith("jdbc:postgresql://gatehouse-postgresql:")) {
                assertTrue(url.endsWith("?sslmode=disable"), at);
            } else {
                assertTrue(url.contains("?sslmode=verify-full&"), at);
                // No CA value: the JVM's public CAs, never pgjdbc's missing ~/.postgresql/root.crt.
                assertTrue(url.endsWith("&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"), at);
            }
        }
    }

    @Test
    void renderWhenDatabaseCaGivenThenMountedReadOnlyAndNamedInTheJdbcUrl() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUTestOnly\n-----END CERTIFICATE-----\n";
        Manifests manifests = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "database-ca", "database:\n  caCert: |\n    " + pem.replace("\n", "\n    ").stripTrailing() + "\n"))));
        assertEquals(pem, manifests.get(ConfigMap.class, "gatehouse-database-ca").getData().get("ca.crt"));
        for (String service : TestContract.SERVICES.keySet()) {
            assertTrue(configValue(manifests, service, "QUARKUS_DATASOURCE_JDBC_URL")
                    .endsWith("?sslmode=verify-full&sslrootcert=/etc/gatehouse/database-ca/ca.crt"), service);
            Deployment deployment = manifests.get(Deployment.class, service);
            Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("database-ca")).findFirst().orElseThrow();
            assertEquals("gatehouse-database-ca", volume.getConfigMap().getName(), service);
            var mount = onlyContainer(deployment).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals("database-ca")).findFirst().orElseThrow();
            assertEquals("/etc/gatehouse/database-ca", mount.getMountPath(), service);
            assertEquals(Boolean.TRUE, mount.getReadOnly(), service);
        }
    }

    /**
     * The security switches reach the services that enforce them: PKCE for all and the trusted clients to
     * authorization-service, the closed registration paths to registration-service, the initial access token only
     * from its Secret (never the ConfigMap).
     */
    @Test
    void renderWhenOperatorTightensSecurityThenSwitchesReachTheirServices() {
        Manifests defaults = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        assertEquals("false", configValue(defaults, "authorization-service", "AUTHORIZATION_REQUIRE_PKCE"));
        assertEquals("true", configValue(defaults, "registration-service", "REGISTRATION_OPEN_APP_REGISTRATION"));
        assertFalse(onlyContainer(defaults.get(Deployment.class, "registration-service")).getEnv().stream()
                .anyMatch(e -> e.getName().equals("REGISTRATION_DYNAMIC_INITIAL_ACCESS_TOKEN")));

        Manifests tight = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "tight-security", "security:\n  requirePkce: true\n  trustedClients: [portal, intranet]\n"
                        + "  requireInitialAccessToken: true\n  openAppRegistration: false\n"))));
        assertEquals("true", configValue(tight, "authorization-service", "AUTHORIZATION_REQUIRE_PKCE"));
        assertEquals("portal,intranet", configValue(tight, "authorization-service", "AUTHORIZATION_TRUSTED_CLIENTS"));
        assertEquals("false", configValue(tight, "registration-service", "REGISTRATION_OPEN_APP_REGISTRATION"));
        assertEquals(null, configValue(tight, "token-service", "AUTHORIZATION_REQUIRE_PKCE"));
        var token = onlyContainer(tight.get(Deployment.class, "registration-service")).getEnv().stream()
                .filter(e -> e.getName().equals("REGISTRATION_DYNAMIC_INITIAL_ACCESS_TOKEN")).findFirst().orElseThrow();
        assertEquals("registration-service", token.getValueFrom().getSecretKeyRef().getName());
        assertEquals("initial-access-token", token.getValueFrom().getSecretKeyRef().getKey());
    }

    /**
     * The bootstrap admin client reaches registration-service only, from the operator's Secret, never a literal;
     * without the value no bootstrap variables at all.
     */
    @Test
    void renderWhenBootstrapAdminSecretNamedThenRegistrationReadsBothVariablesFromIt() {
        Manifests defaults = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        assertFalse(onlyContainer(defaults.get(Deployment.class, "registration-service")).getEnv().stream()
                .anyMatch(e -> e.getName().startsWith("GATEHOUSE_BOOTSTRAP_")));

        Manifests named = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "bootstrap-admin", "admin:\n  bootstrapClientSecret: gatehouse-admin\n"))));
        for (String service : List.of("token-service", "authorization-service", "resource-service")) {
            assertFalse(onlyContainer(named.get(Deployment.class, service)).getEnv().stream()
                    .anyMatch(e -> e.getName().startsWith("GATEHOUSE_BOOTSTRAP_")), service);
        }
        var env = onlyContainer(named.get(Deployment.class, "registration-service")).getEnv();
        for (var entry : java.util.Map.of("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID", "client-id",
                "GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET", "client-secret").entrySet()) {
            var variable = env.stream().filter(e -> e.getName().equals(entry.getKey())).findFirst().orElseThrow();
            assertEquals(null, variable.getValue());
            assertEquals("gatehouse-admin", variable.getValueFrom().getSecretKeyRef().getName());
            assertEquals(entry.getValue(), variable.getValueFrom().getSecretKeyRef().getKey());
        }
    }

    private static String podAnnotation(Manifests manifests, String service, String name) {
        return manifests.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getAnnotations().get(name);
    }

    private static String configValue(Manifests manifests, String service, String name) {
        return manifests.get(ConfigMap.class, service).getData().get(name);
    }

    private static Set<String> difference(Set<String> required, Set<String> present) {
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(present);
        return missing;
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName());
        return containers.get(0);
    }

    private static void assertProbe(String path, int port, Probe probe, Container container, String at) {
        assertNotNull(probe, at);
        assertEquals(path, probe.getHttpGet().getPath(), at);
        assertEquals(port, StrictValidator.resolvePort(probe.getHttpGet().getPort(), container), at);
    }
}
