package org.gatehouse.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The manifests under test, rendered once per JVM: the chart with each values file (through
 * {@link ChartRenderer}, the path k8s/render.sh uses too) and the kustomize builds (through kubectl).
 */
final class TestRenders {

    static final Path REPO = Paths.get(System.getProperty("gatehouse.repo-root", "..")).toAbsolutePath().normalize();
    static final Path K8S = REPO.resolve("k8s");
    static final Path CHART = K8S.resolve("helm/gatehouse");
    static final Path ROUTES = CHART.resolve("routes.yaml");
    static final String KUBE_VERSION = System.getProperty("gatehouse.kube-version", "1.31.0");

    /** What is rendered, and how. */
    enum Source {
        /** helm template with the chart's values.yaml. */
        DEFAULTS,
        /** helm template -f values-production.yaml. */
        PRODUCTION,
        /** helm template -f values-evaluation.yaml -f (generated evaluation secrets). */
        EVALUATION,
        /** helm template with the monitoring objects on (off by default): ServiceMonitors, PrometheusRule, dashboard. */
        MONITORING,
        /** helm template with an HTTPRoute beside the Ingress (gatewayApi.enabled, off by default). */
        GATEWAY_API,
        /**
         * {@code helm template} of the helm binary (k8s/install-tools.sh) with the chart's values.yaml: what a user's
         * Helm renders, hooks included (helm-java leaves the {@code helm test} hooks out of its output).
         */
        HELM_CLI,
        /** kubectl kustomize k8s/base (the committed, generated base). */
        KUSTOMIZE_BASE,
        /** kubectl kustomize k8s/overlays/production. */
        KUSTOMIZE_PRODUCTION;

        boolean isKustomize() {
            return this == KUSTOMIZE_BASE || this == KUSTOMIZE_PRODUCTION;
        }
    }

    /** The HTTPRoute attached to a shared Gateway's HTTPS listener. */
    static final String GATEWAY_API_VALUES = """
            gatewayApi:
              enabled: true
              parentRefs:
                - {name: public, namespace: gateway-system, sectionName: https}
            """;

    /** Everything the Prometheus Operator and Grafana's sidecar import, labelled for a kube-prometheus-stack. */
    static final String MONITORING_VALUES = """
            metrics:
              serviceMonitor:
                enabled: true
                labels:
                  release: prometheus
              prometheusRule:
                enabled: true
                labels:
                  release: prometheus
                runbookBaseUrl: https://git.example.org/gatehouse/blob/main/k8s/README.md
              grafanaDashboard:
                enabled: true
                annotations:
                  grafana_folder: Gatehouse
            """;

    private static final Map<Source, String> CACHE = new ConcurrentHashMap<>();
    private static volatile Path evaluationSecrets;

    private TestRenders() {
    }

    static ChartRenderer renderer() {
        return new ChartRenderer(CHART, KUBE_VERSION);
    }

    static String yaml(Source source) {
        return CACHE.computeIfAbsent(source, TestRenders::render);
    }

    private static String render(Source source) {
        return switch (source) {
            case DEFAULTS -> renderer().template(List.of());
            case PRODUCTION -> renderer().template(List.of(CHART.resolve("values-production.yaml")));
            case EVALUATION -> renderer().template(List.of(CHART.resolve("values-evaluation.yaml"), evaluationSecrets()));
            case MONITORING -> renderer().template(List.of(valuesFile("monitoring", MONITORING_VALUES)));
            case GATEWAY_API -> renderer().template(List.of(valuesFile("gateway-api", GATEWAY_API_VALUES)));
            case HELM_CLI -> helmCli(List.of());
            case KUSTOMIZE_BASE -> kustomize(K8S.resolve("base"));
            case KUSTOMIZE_PRODUCTION -> kustomize(K8S.resolve("overlays/production"));
        };
    }

    /** A values file with fresh evaluation secrets, as k8s/generate-evaluation-secrets.sh writes one. */
    static synchronized Path evaluationSecrets() {
        if (evaluationSecrets == null) {
            evaluationSecrets = valuesFile("evaluation-secrets", TestEvaluationSecrets.generate().asValuesYaml());
        }
        return evaluationSecrets;
    }

    static Path valuesFile(String name, String content) {
        try {
            Path dir = Files.createDirectories(Paths.get("target", "values"));
            Path file = dir.resolve(name + ".yaml").toAbsolutePath();
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl kustomize <dir>}; kubectl from PATH, else k8s/.tools/bin/kubectl (k8s/install-tools.sh). */
    static String kustomize(Path dir) {
        return run(List.of(tool("kubectl"), "kustomize", dir.toString()));
    }

    /** {@code helm template gatehouse <chart> --kube-version <v> -f <values...>} of the helm binary, hooks included. */
    static String helmCli(List<Path> valuesFiles) {
        List<String> command = new ArrayList<>(List.of(tool("helm"), "template", ChartRenderer.RELEASE, CHART.toString(),
                "--kube-version", KUBE_VERSION));
        for (Path values : valuesFiles) {
            command.add("-f");
            command.add(values.toString());
        }
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + Files.readString(err));
            }
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kubectl or helm: from PATH, else k8s/.tools/bin (k8s/install-tools.sh puts both there). */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Path local = K8S.resolve(".tools/bin").resolve(name);
        if (Files.isExecutable(local)) {
            return local.toString();
        }
        throw new IllegalStateException(name + " not found on PATH nor in k8s/.tools/bin: run k8s/install-tools.sh");
    }
}
