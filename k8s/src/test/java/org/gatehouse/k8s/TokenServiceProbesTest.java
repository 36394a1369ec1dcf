package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart's promises, kept by the real service: token-service's packaged jar, started with exactly the
 * environment its rendered Deployment gives it (evaluation values, so every Secret value is in the render), listens
 * on the port its probes use, and answers 200 on the startup, readiness and liveness paths and on the metrics
 * path. Local substitutions only: the JDBC URL points at an embedded PostgreSQL prepared by the chart's own init
 * script, and the port is a free one (8083 may be taken by a developer's running service).
 */
class TokenServiceProbesTest {

    private static final String SERVICE = "token-service";
    private static final Path JAR = TestRenders.REPO.resolve(SERVICE + "/target/quarkus-app/quarkus-run.jar");

    @Test
    void startWhenGivenTheRenderedEnvironmentThenEveryProbeAnswers200() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is not built yet (mvn -pl token-service -am package -DskipTests): probe test skipped");
        assumeTrue(TestEvaluationDatabase.psqlInstalled(), "psql (PostgreSQL client) not installed: probe test skipped");
        Manifests evaluation = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.EVALUATION));
        Container container = DeploymentContractTest.onlyContainer(evaluation.get(Deployment.class, SERVICE));
        Map<String, String> environment = TestEnvironment.of(evaluation, container);

        Set<String> names = new TreeSet<>(environment.keySet());
        assertTrue(names.containsAll(TestContract.requiredEnv(SERVICE)), "rendered env " + names);
        int containerPort = container.getPorts().get(0).getContainerPort();
        assertEquals(String.valueOf(containerPort), environment.get("QUARKUS_HTTP_PORT"));

        try (TestEvaluationDatabase database = TestEvaluationDatabase.start(evaluation)) {
            int port = freePort();
            Map<String, String> local = new LinkedHashMap<>(environment);
            local.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            local.put("QUARKUS_DATASOURCE_JDBC_URL", environment.get("QUARKUS_DATASOURCE_JDBC_URL")
                    .replace("gatehouse-postgresql:5432", "127.0.0.1:" + database.port()));
            assertEquals(names, new TreeSet<>(local.keySet()), "only values are substituted, never names");

            Path log = Files.createTempFile(SERVICE, ".log");
            // The image's run-java.sh adds -Dquarkus.http.host=0.0.0.0; on this machine stay on loopback.
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.host=127.0.0.1", "-jar", JAR.toString())
                    .directory(JAR.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(local);
            Process service = builder.start();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertEquals(containerPort, StrictValidator.resolvePort(probe.getHttpGet().getPort(), container));
                    awaitOk(http, service, log, "http://127.0.0.1:" + port + probe.getHttpGet().getPath());
                }
                String metrics = evaluation.get(Deployment.class, SERVICE).getSpec().getTemplate().getMetadata()
                        .getAnnotations().get("prometheus.io/path");
                awaitOk(http, service, log, "http://127.0.0.1:" + port + metrics);
            } finally {
                service.destroy();
                if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    private static void awaitOk(HttpClient http, Process service, Path log, String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new AssertionError(SERVICE + " exited (" + service.exitValue() + ") before " + url + " answered:\n" + tail(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " did not answer 200 in time: " + last + "\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
