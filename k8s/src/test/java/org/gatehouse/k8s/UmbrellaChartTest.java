package org.gatehouse.k8s;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart as a dependency of a platform team's umbrella chart: Helm hands every dependency the umbrella's
 * {@code global} values, so the strict values.schema.json must accept {@code global} and stay strict everywhere else.
 * The umbrella is built in a temporary directory with a file:// dependency ({@code helm dependency build}, offline).
 */
class UmbrellaChartTest {

    @Test
    void templateWhenChartIsAnUmbrellaDependencyThenGlobalIsAcceptedAndTheUmbrellaValuesReachIt(@TempDir Path umbrella)
            throws IOException {
        build(umbrella, """
                global:
                  imageRegistry: registry.example.com
                  storageClass: fast
                gatehouse:
                  publicUrl: https://login.example.org
                """);
        String yaml = new ChartRenderer(umbrella, TestRenders.KUBE_VERSION).template(List.of());

        assertEquals(List.of(), StrictValidator.validate(yaml), "the umbrella's render");
        Manifests manifests = StrictValidator.parse(yaml);
        for (String service : TestContract.SERVICES.keySet()) {
            manifests.get(Deployment.class, service);
            assertEquals("https://login.example.org",
                    manifests.get(ConfigMap.class, service).getData().get("GATEHOUSE_PUBLIC_URL"), service);
        }
    }

    @Test
    void templateWhenUmbrellaPassesAnUnknownKeyToTheChartThenHelmStillRefuses(@TempDir Path umbrella) throws IOException {
        build(umbrella, """
                global: {}
                gatehouse:
                  replicaCount: 3
                """);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ChartRenderer(umbrella, TestRenders.KUBE_VERSION).template(List.of()));
        assertTrue(refused.getMessage().contains("replicaCount"), refused.getMessage());
    }

    /** An umbrella chart depending on k8s/helm/gatehouse by path, its dependency built into charts/. */
    private static void build(Path umbrella, String values) throws IOException {
        String version = chartVersion();
        Files.writeString(umbrella.resolve("Chart.yaml"), """
                apiVersion: v2
                name: platform
                version: 1.0.0
                dependencies:
                  - name: gatehouse
                    version: "%s"
                    repository: "file://%s"
                """.formatted(version, TestRenders.CHART));
        Files.writeString(umbrella.resolve("values.yaml"), values);
        new Helm(umbrella).dependency().build().skipRefresh().call();
        assertTrue(Files.isRegularFile(umbrella.resolve("charts/gatehouse-" + version + ".tgz")), "dependency packaged");
    }

    static String chartVersion() throws IOException {
        Map<?, ?> chart = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(TestRenders.CHART.resolve("Chart.yaml")));
        return chart.get("version").toString();
    }
}
