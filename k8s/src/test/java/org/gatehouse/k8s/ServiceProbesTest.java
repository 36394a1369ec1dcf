package org.gatehouse.k8s;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart's promises, kept by each real service: its packaged jar, started with exactly the environment its
 * rendered Deployment gives it (evaluation values, so every Secret value is in the render) and the JVM options
 * the image's launcher derives from it,
 * <ul>
 *   <li>listens on the management port its probes and Prometheus use and answers 200 there on the startup,
 *       readiness and liveness paths and on the metrics path, while its application port serves none of them;</li>
 *   <li>reads every environment variable the Deployment sets (SmallRye Config logs each property it looks up
 *       and the source that answered: an env var no property lookup was answered from is dead configuration),
 *       except the ones the image's launcher reads instead ({@link #READ_BY_LAUNCHER});</li>
 *   <li>stays, once started, below the memory limit the chart gives it;</li>
 *   <li>(token-service) passes the chart's {@code helm test} hook script.</li>
 * </ul>
 * Local substitutions only: the JDBC URL points at an embedded PostgreSQL prepared by the chart's own init
 * script, and the ports are free ones (the contract ports may be taken by a developer's running service).
 */
class ServiceProbesTest {

    /**
     * Env vars the image's run-java.sh reads, not the service; this test applies them the way run-java.sh does.
     * JAVA_MAX_MEM_RATIO becomes -XX:MaxRAMPercentage.
     */
    static final Set<String> READ_BY_LAUNCHER = Set.of("JAVA_MAX_MEM_RATIO");

    /**
     * What run-java.sh of ubi9/openjdk-17-runtime (the base of every Dockerfile.jvm) adds besides the heap
     * ratio, and the Dockerfile's JAVA_OPTS_APPEND log manager.
     */
    private static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    /** token-service's in-cluster base URL, as the Deployments of its siblings name it. */
    private static final Pattern TOKEN_SERVICE_URL = Pattern.compile("http://[a-z0-9.-]*token-service:\\d+");

    /** token-service's denylist feed with nothing revoked: {@code GET /internal/revoked-jtis}. */
    private record DenylistFeed(HttpServer server) implements AutoCloseable {

        static DenylistFeed start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/revoked-jtis", exchange -> {
                byte[] body = ("{\"jtis\":[],\"now\":" + System.currentTimeMillis() + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new DenylistFeed(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static Set<String> services() {
        return TestContract.SERVICES.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void startWhenGivenTheRenderedEnvironmentThenProbesAnswer200AndEveryEnvVarIsRead(String service) throws Exception {
        assumeTrue(Files.isRegularFile(TestServiceProcess.jar(service)), TestServiceProcess.jar(service)
                + " is not built yet (mvn -B -pl k8s -am verify builds it): probe test skipped");
        assumeTrue(TestEvaluationDatabase.psqlInstalled(), "psql (PostgreSQL client) not installed: probe test skipped");
        Manifests evaluation = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.EVALUATION));
        Deployment deployment = evaluation.get(Deployment.class, service);
        Container container = DeploymentContractTest.onlyContainer(deployment);
        Map<String, String> environment = TestEnvironment.of(evaluation, container);

        Set<String> names = new TreeSet<>(environment.keySet());
        assertTrue(names.containsAll(TestContract.requiredEnv(service)), "rendered env " + names);
        assertTrue(names.containsAll(READ_BY_LAUNCHER), "rendered env " + names + " lacks a launcher variable");
        int containerPort = container.getPorts().get(0).getContainerPort();
        assertEquals(String.valueOf(containerPort), environment.get("QUARKUS_HTTP_PORT"));
        int managementContainerPort = container.getPorts().get(1).getContainerPort();
        assertEquals(String.valueOf(managementContainerPort), environment.get("QUARKUS_MANAGEMENT_PORT"));

        try (TestEvaluationDatabase database = TestEvaluationDatabase.start(evaluation);
             DenylistFeed feed = DenylistFeed.start()) {
            int port = freePort();
            int managementPort = freePort();
            Map<String, String> local = new LinkedHashMap<>(environment);
            local.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            local.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            local.put("QUARKUS_DATASOURCE_JDBC_URL", environment.get("QUARKUS_DATASOURCE_JDBC_URL")
                    .replace("gatehouse-postgresql:5432", "127.0.0.1:" + database.port()));
            // A service that verifies bearer tokens is ready only once it has read token-service's denylist: a
            // stand-in feed answers at token-service's in-cluster address.
            local.replaceAll((name, value) -> TOKEN_SERVICE_URL.matcher(value).matches() ? feed.url() : value);
            assertEquals(names, new TreeSet<>(local.keySet()), "only values are substituted, never names");

            long memoryLimit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValueExact();
            try (TestServiceProcess process = TestServiceProcess.start(service, local, launcherOptions(environment, memoryLimit))) {
                for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertEquals(managementContainerPort, StrictValidator.resolvePort(probe.getHttpGet().getPort(), container));
                    process.awaitOk("http://127.0.0.1:" + managementPort + probe.getHttpGet().getPath());
                }
                Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
                assertEquals(String.valueOf(managementContainerPort), annotations.get("prometheus.io/port"));
                String metrics = annotations.get("prometheus.io/path");
                process.awaitOk("http://127.0.0.1:" + managementPort + metrics);
                for (String path : List.of(metrics, container.getReadinessProbe().getHttpGet().getPath())) {
                    assertEquals(404, process.status("http://127.0.0.1:" + port + path),
                            service + ": " + path + " must not be served on the application port");
                }

                if (service.equals("token-service")) {
                    // The `helm test` hook's own script, against the real discovery document.
                    assertEquals(0, HelmTestHookTest.run(StrictValidator.parse(TestRenders.yaml(TestRenders.Source.HELM_CLI))
                                    .get(Pod.class, "gatehouse-test-discovery"),
                            "http://127.0.0.1:" + port + "/.well-known/openid-configuration",
                            environment.get("GATEHOUSE_PUBLIC_URL")), "helm test against token-service");
                }

                Set<String> read = process.propertiesReadFromEnvironment().stream()
                        .map(TestServiceProcess::envName).collect(Collectors.toCollection(TreeSet::new));
                Set<String> unread = new TreeSet<>(names);
                unread.removeAll(READ_BY_LAUNCHER);
                unread.removeAll(read);
                assertEquals(Set.of(), unread, service + " never reads these env vars of its Deployment (read: " + read + ")");
                assertEquals(List.of(), process.logLines("Build time property cannot be changed at runtime"),
                        service + ": the Deployment sets a build-time property, which the service ignores at runtime");

                OptionalLong rss = process.residentBytes();
                if (rss.isPresent()) {
                    System.out.printf("%s: RSS %d MiB after start (memory limit %d MiB)%n", service,
                            rss.getAsLong() >> 20, memoryLimit >> 20);
                    assertTrue(rss.getAsLong() < memoryLimit, service + " RSS " + (rss.getAsLong() >> 20)
                            + " MiB at rest already reaches the memory limit " + (memoryLimit >> 20) + " MiB");
                }
            }
        }
    }

    /**
     * The heap options run-java.sh derives in a container with this memory limit: -XX:MaxRAM stands in for the
     * cgroup limit the JVM would see, JAVA_MAX_MEM_RATIO becomes -XX:MaxRAMPercentage.
     */
    private static List<String> launcherOptions(Map<String, String> environment, long memoryLimit) {
        List<String> options = new ArrayList<>(LAUNCHER_JVM_OPTIONS);
        options.add("-XX:MaxRAM=" + memoryLimit);
        options.add("-XX:MaxRAMPercentage=" + Integer.parseInt(environment.get("JAVA_MAX_MEM_RATIO")));
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
