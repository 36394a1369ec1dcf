package org.gatehouse.k8s;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's README documents every value: each top-level key of values.yaml, and each key one level below
 * (services and rateLimits are keyed by service, documented by pattern), has a row with a default and a meaning.
 */
class ChartReadmeTest {

    /** Keyed by service name, documented as services.&lt;name&gt;.* and rateLimits.&lt;service&gt;.*. */
    private static final Set<String> KEYED_BY_SERVICE = Set.of("services", "rateLimits");

    @Test
    void readmeWhenComparedWithValuesThenEveryValueHasARowWithDefaultAndMeaning() throws IOException {
        Map<?, ?> values = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(TestRenders.CHART.resolve("values.yaml")));
        List<String> keyCells = new ArrayList<>();
        for (String line : Files.readString(TestRenders.CHART.resolve("README.md")).lines().toList()) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
                assertTrue(cells.length >= 3 && !cells[1].isBlank() && !cells[2].isBlank(), "row without default or meaning: " + line);
                keyCells.add(cells[0]);
            }
        }
        List<String> missing = new ArrayList<>();
        values.forEach((key, value) -> {
            List<String> rows = keyCells.stream().filter(cell -> cell.contains("`" + key)).toList();
            if (rows.isEmpty()) {
                missing.add(key.toString());
            } else if (value instanceof Map<?, ?> children && !KEYED_BY_SERVICE.contains(key.toString())) {
                for (Object child : children.keySet()) {
                    Pattern named = Pattern.compile("`(" + Pattern.quote(key + ".") + ")?\\.?" + Pattern.quote(child.toString()) + "[`./ <]");
                    if (rows.stream().noneMatch(cell -> named.matcher(cell).find())) {
                        missing.add(key + "." + child);
                    }
                }
            }
        });
        assertEquals(List.of(), missing, "values missing from k8s/helm/gatehouse/README.md");
    }
}
