package org.gatehouse.k8s;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code helm lint --strict} (warnings fail) with the default, production and evaluation values. helm-java's
 * lint takes no values files, so the chart is linted from a copy whose values.yaml is the default values with
 * the values file merged over it, as Helm coalesces them (maps merge, everything else is replaced).
 */
class ChartLintTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "production", "evaluation"})
    void lintWhenStrictThenNoWarningOrError(String values, @TempDir Path copy) throws IOException {
        Path chart = values.equals("default") ? TestRenders.CHART : IngressRoutesTest.copyChart(copy);
        if (values.equals("production")) {
            mergeIntoValues(chart, TestRenders.CHART.resolve("values-production.yaml"));
        } else if (values.equals("evaluation")) {
            mergeIntoValues(chart, TestRenders.CHART.resolve("values-evaluation.yaml"));
            mergeIntoValues(chart, TestRenders.evaluationSecrets());
        }
        LintResult result = new ChartRenderer(chart, TestRenders.KUBE_VERSION).lintStrict();
        assertFalse(result.isFailed(), () -> values + ": " + String.join("\n", result.getMessages()));
        List<String> findings = new ArrayList<>();
        for (String message : result.getMessages()) {
            if (message.contains("[WARNING]") || message.contains("[ERROR]")) {
                findings.add(message);
            }
        }
        assertTrue(findings.isEmpty(), () -> values + ": " + findings);
    }

    private static void mergeIntoValues(Path chart, Path overrides) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()), dumperOptions());
        Path valuesFile = chart.resolve("values.yaml");
        Map<String, Object> values = yaml.load(Files.readString(valuesFile));
        Map<String, Object> override = yaml.load(Files.readString(overrides));
        Files.writeString(valuesFile, yaml.dump(merge(values, override)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return options;
    }
}
