package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pod being replaced keeps serving while its endpoint drains (preStop sleep), then lets in-flight requests finish
 * (QUARKUS_SHUTDOWN_TIMEOUT), all inside terminationGracePeriodSeconds, which the chart refuses to set shorter.
 */
class GracefulShutdownTest {

    @Test
    void templateWhenDefaultsThenPreStopSleepAndShutdownTimeoutFitTheGracePeriod() {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        for (String service : TestContract.SERVICES.keySet()) {
            PodSpec pod = manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
            assertEquals("sleep", preStop.get(0), service);
            long sleep = Long.parseLong(preStop.get(1));
            Duration timeout = quarkusDuration(manifests.get(ConfigMap.class, service).getData().get("QUARKUS_SHUTDOWN_TIMEOUT"));
            assertTrue(sleep > 0 && !timeout.isZero(), service);
            assertTrue(pod.getTerminationGracePeriodSeconds() > sleep + timeout.toSeconds(),
                    service + ": grace " + pod.getTerminationGracePeriodSeconds() + " s, drain " + sleep + " s + " + timeout);
        }
    }

    @Test
    void templateWhenTunedThenEachServiceGetsItsOwnDrainAndGracePeriod() {
        Manifests manifests = EscapeHatchesTest.render("graceful-tuned", """
                services:
                  token-service:
                    workload:
                      gracefulShutdown: {preStopSleepSeconds: 20, shutdownTimeoutSeconds: 40}
                      terminationGracePeriodSeconds: 75
                """);
        PodSpec token = manifests.get(Deployment.class, "token-service").getSpec().getTemplate().getSpec();
        assertEquals(List.of("sleep", "20"), token.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand());
        assertEquals(75L, token.getTerminationGracePeriodSeconds());
        assertEquals("40s", manifests.get(ConfigMap.class, "token-service").getData().get("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertEquals("15s", manifests.get(ConfigMap.class, "resource-service").getData().get("QUARKUS_SHUTDOWN_TIMEOUT"));
    }

    @Test
    void templateWhenGracePeriodDoesNotCoverTheDrainThenHelmRefuses() {
        Path file = TestRenders.valuesFile("graceful-too-short", "workload:\n  terminationGracePeriodSeconds: 20\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("terminationGracePeriodSeconds (20) must exceed"), refused.getMessage());
    }

    @Test
    void templateWhenDrainTurnedOffThenNoHookAndNoTimeout() {
        Manifests manifests = EscapeHatchesTest.render("graceful-off",
                "workload:\n  gracefulShutdown: {preStopSleepSeconds: 0, shutdownTimeoutSeconds: 0}\n");
        Container container = manifests.get(Deployment.class, "token-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertNull(container.getLifecycle());
        assertFalse(manifests.get(ConfigMap.class, "token-service").getData().containsKey("QUARKUS_SHUTDOWN_TIMEOUT"));
    }

    @Test
    void templateWhenLifecycleGivesPreStopThenItReplacesTheSleepAndPostStartIsAdded() {
        Manifests manifests = EscapeHatchesTest.render("graceful-lifecycle", """
                workload:
                  lifecycle:
                    preStop: {httpGet: {path: /q/health/live, port: management}}
                services:
                  token-service:
                    workload:
                      lifecycle:
                        postStart: {exec: {command: [sh, -c, "true"]}}
                """);
        var resource = manifests.get(Deployment.class, "resource-service").getSpec().getTemplate().getSpec().getContainers().get(0).getLifecycle();
        assertEquals("/q/health/live", resource.getPreStop().getHttpGet().getPath());
        assertNull(resource.getPreStop().getExec());
        // services.<name>.workload merges maps: token-service keeps the shared preStop and adds its postStart.
        var token = manifests.get(Deployment.class, "token-service").getSpec().getTemplate().getSpec().getContainers().get(0).getLifecycle();
        assertEquals("/q/health/live", token.getPreStop().getHttpGet().getPath());
        assertNull(token.getPreStop().getExec());
        assertEquals(List.of("sh", "-c", "true"), token.getPostStart().getExec().getCommand());
        var registration = EscapeHatchesTest.render("graceful-post-start-only",
                        "workload:\n  lifecycle:\n    postStart: {exec: {command: [sh, -c, \"true\"]}}\n")
                .get(Deployment.class, "registration-service").getSpec().getTemplate().getSpec().getContainers().get(0).getLifecycle();
        assertEquals(List.of("sleep", "10"), registration.getPreStop().getExec().getCommand(), "a postStart alone keeps the drain");
    }

    /** Quarkus' simplified duration ("15s"). */
    private static Duration quarkusDuration(String value) {
        assertTrue(value.matches("[0-9]+s"), value);
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
}
