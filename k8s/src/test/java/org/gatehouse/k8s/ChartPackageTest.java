package org.gatehouse.k8s;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code helm package} makes the archive {@code helm push} sends to an OCI registry: named
 * {@code gatehouse-<version>.tgz}, a SemVer 2 version (the OCI tag), a v2 chart with its schema, README, route table
 * and templates, nothing else, and it installs as it is: the packaged chart renders like the directory.
 */
class ChartPackageTest {

    /** SemVer 2.0.0's own regular expression (semver.org), which Helm and OCI tags require of the chart version. */
    private static final String SEMVER = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$";

    @Test
    void packageWhenBuiltThenTheArchiveIsOciReadyAndRendersLikeTheChart(@TempDir Path dist, @TempDir Path unpacked) throws IOException {
        String version = UmbrellaChartTest.chartVersion();
        assertTrue(version.matches(SEMVER), "chart version " + version + " is not SemVer 2");
        new Helm(TestRenders.CHART).packageIt().withDestination(dist).call();
        Path archive = dist.resolve("gatehouse-" + version + ".tgz");
        assertTrue(Files.isRegularFile(archive), "helm package wrote " + list(dist));

        Set<String> entries = new TreeSet<>(tar("-tzf", archive.toString()).lines().filter(e -> !e.endsWith("/")).toList());
        tar("-xzf", archive.toString(), "-C", unpacked.toString());
        for (String required : List.of("Chart.yaml", "values.yaml", "values.schema.json", "README.md", "routes.yaml",
                "values-evaluation.yaml", "values-production.yaml", "values-openshift.yaml", "templates/deployment.yaml",
                "templates/tests/discovery.yaml", "monitoring/gatehouse-alerts.yaml", "monitoring/gatehouse-dashboard.json")) {
            assertTrue(entries.contains("gatehouse/" + required), "archive lacks " + required + ": " + entries);
        }
        try (Stream<Path> files = Files.walk(TestRenders.CHART)) {
            long inChart = files.filter(Files::isRegularFile).count();
            assertEquals(inChart, entries.size(), "the archive holds the chart's files and nothing else: " + entries);
        }
        Map<?, ?> chart = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(unpacked.resolve("gatehouse/Chart.yaml")));
        assertEquals("v2", chart.get("apiVersion"));
        assertTrue(chart.get("name").toString().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), "OCI repository names are lowercase");

        String fromArchive = new ChartRenderer(unpacked.resolve("gatehouse"), TestRenders.KUBE_VERSION).template(List.of());
        assertEquals(TestRenders.yaml(TestRenders.Source.DEFAULTS), fromArchive, "the packaged chart renders like the directory");
    }

    /** The system's tar (GNU or bsdtar), as someone unpacking the archive by hand would. */
    private static String tar(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, command + ": " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
