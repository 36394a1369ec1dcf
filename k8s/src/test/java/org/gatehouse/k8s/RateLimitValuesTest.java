package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chart's rateLimits list every route each service limits (gatehouse.rate-limit.routes.* of its
 * application.properties) with the service's own default, so an operator finds every limit in values.yaml and the
 * chart never silently changes one; each reaches the service's ConfigMap.
 */
class RateLimitValuesTest {

    private static final Pattern ROUTE = Pattern.compile("gatehouse\\.rate-limit\\.routes\\.([a-z0-9-]+)\\.(capacity|period)");

    @Test
    void valuesWhenComparedWithTheServicesPropertiesThenEveryRateLimitedRouteIsListedWithItsDefault() throws IOException {
        Map<?, ?> values = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(TestRenders.CHART.resolve("values.yaml")));
        Map<?, ?> rateLimits = (Map<?, ?>) values.get("rateLimits");
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> inProperties = routes(service);
            Map<String, String> inChart = new TreeMap<>();
            Map<?, ?> limits = (Map<?, ?>) rateLimits.get(service);
            if (limits != null) {
                limits.forEach((route, limit) -> {
                    Map<?, ?> entry = (Map<?, ?>) limit;
                    inChart.put(route + ".capacity", entry.get("capacity").toString());
                    inChart.put(route + ".period", entry.get("period").toString());
                });
            }
            assertEquals(inProperties, inChart, service + ": rateLimits in values.yaml vs application.properties");

            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            inProperties.forEach((key, value) -> {
                String env = "GATEHOUSE_RATE_LIMIT_ROUTES_" + key.replace('-', '_').replace('.', '_').toUpperCase();
                assertEquals(value, data.get(env), service + " ConfigMap " + env);
            });
        }
    }

    /** route.capacity / route.period → value, from the service's application.properties (no profile). */
    private static Map<String, String> routes(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(TestRenders.REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Map<String, String> routes = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            Matcher matcher = ROUTE.matcher(name);
            if (matcher.matches()) {
                routes.put(matcher.group(1) + "." + matcher.group(2), properties.getProperty(name));
            }
        }
        return routes;
    }
}
