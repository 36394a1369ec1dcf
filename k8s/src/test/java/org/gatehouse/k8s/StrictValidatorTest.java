package org.gatehouse.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself: each mistake it exists to catch is caught, and a correct object passes. */
class StrictValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              labels:
                app.kubernetes.io/name: demo
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: demo
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: demo
                spec:
                  containers:
                    - name: demo
                      image: example/demo:1
                      ports:
                        - name: http
                          containerPort: 8080
                      env:
                        - name: PORT
                          value: "8080"
                      startupProbe:
                        httpGet: {path: /q/health/started, port: http}
                      readinessProbe:
                        httpGet: {path: /q/health/ready, port: http}
                      livenessProbe:
                        httpGet: {path: /q/health/live, port: http}
                      resources:
                        requests: {cpu: 100m, memory: 192Mi}
                        limits: {cpu: "1", memory: 384Mi}
            """;

    @Test
    void validateWhenDeploymentIsCorrectThenNoProblem() {
        assertEquals(List.of(), StrictValidator.validate(DEPLOYMENT));
    }

    @Test
    void validateWhenFieldIsMisspelledThenUnknownField() {
        assertProblem(DEPLOYMENT.replace("readinessProbe:", "readynessProbe:"), "unknown field(s) [readynessProbe]");
    }

    @Test
    void validateWhenNestedFieldIsUnknownThenUnknownFieldWithItsPath() {
        assertProblem(DEPLOYMENT.replace("path: /q/health/live,", "path: /q/health/live, scheme2: HTTP,"),
                "livenessProbe.httpGet: unknown field(s) [scheme2]");
    }

    @Test
    void validateWhenEnvValueIsANumberThenWrongType() {
        assertProblem(DEPLOYMENT.replace("value: \"8080\"", "value: 8080"), "does not deserialize strictly");
    }

    @Test
    void validateWhenPortIsAStringThenWrongType() {
        assertProblem(DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\""), "wrong type, the string \"8080\"");
    }

    @Test
    void validateWhenBooleanIsAStringThenWrongType() {
        assertProblem(DEPLOYMENT.replace("          resources:\n", "          stdin: \"true\"\n          resources:\n"),
                "does not deserialize strictly");
    }

    @Test
    void validateWhenCpuIsANumberThenAcceptedAsKubernetesDoes() {
        assertEquals(List.of(), StrictValidator.validate(DEPLOYMENT.replace("cpu: \"1\"", "cpu: 1")));
    }

    @Test
    void validateWhenImageIsMissingThenRequiredFieldMissing() {
        assertProblem(DEPLOYMENT.replace("image: example/demo:1", "imagePullPolicy: Always"), "image missing");
    }

    @Test
    void validateWhenProbeIsMissingThenRequiredFieldMissing() {
        assertProblem(DEPLOYMENT.replace("          startupProbe:\n            httpGet: {path: /q/health/started, port: http}\n", ""),
                "startupProbe missing");
    }

    @Test
    void validateWhenProbePortNamesNoContainerPortThenProblem() {
        assertProblem(DEPLOYMENT.replace("path: /q/health/ready, port: http", "path: /q/health/ready, port: web"),
                "readinessProbe port does not name a container port");
    }

    @Test
    void validateWhenKindIsUnknownThenUnknownKind() {
        assertProblem(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet"), "is not one this platform deploys");
    }

    @Test
    void validateWhenApiVersionIsNoLongerServedThenProblem() {
        assertProblem("""
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata: {name: demo}
                spec: {maxUnavailable: 1, selector: {matchLabels: {a: b}}}
                """, "is not served by Kubernetes");
    }

    @Test
    void validateWhenConfigMapValueIsANumberThenWrongType() {
        assertProblem("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: demo}
                data: {QUARKUS_HTTP_PORT: 8081}
                """, "does not deserialize strictly");
    }

    @Test
    void validateWhenEnvFromConfigMapIsNotRenderedThenDanglingReference() {
        String withEnvFrom = DEPLOYMENT.replace("          env:\n", "          envFrom:\n            - configMapRef: {name: missing}\n          env:\n");
        assertProblem(withEnvFrom, "envFrom ConfigMap missing is not rendered");
    }

    @Test
    void validateWhenIngressBackendHasNoServiceThenDanglingReference() {
        assertProblem("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: demo}
                spec:
                  rules:
                    - http:
                        paths:
                          - path: /x
                            pathType: Prefix
                            backend: {service: {name: nowhere, port: {name: http}}}
                """, "Service nowhere is not rendered");
    }

    private static void assertProblem(String yaml, String expected) {
        List<String> problems = StrictValidator.validate(yaml);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                () -> "expected a problem containing '" + expected + "', got " + problems);
    }
}
