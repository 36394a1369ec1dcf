package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log level and format and the HTTP access log, from values into each service's ConfigMap as the Quarkus
 * properties they stand for. JSON needs quarkus-logging-json, which every service's pom names.
 */
class LoggingValuesTest {

    @Test
    void templateWhenDefaultsThenInfoJsonAndNoAccessLog() throws Exception {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            assertEquals("INFO", data.get("QUARKUS_LOG_LEVEL"), service);
            assertEquals("true", data.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), service);
            assertEquals("false", data.get("QUARKUS_HTTP_ACCESS_LOG_ENABLED"), service);
            assertTrue(Files.readString(TestRenders.REPO.resolve(service).resolve("pom.xml")).contains("<artifactId>quarkus-logging-json</artifactId>"),
                    service + " has the JSON log formatter");
        }
    }

    @Test
    void templateWhenLevelCategoriesAndPlainTextThenEveryConfigMapSaysSo() {
        Manifests manifests = EscapeHatchesTest.render("logging-tuned", """
                logging:
                  level: WARN
                  categories: {org.gatehouse.token: DEBUG, io.quarkus.oidc: TRACE}
                  json: false
                """);
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            assertEquals("WARN", data.get("QUARKUS_LOG_LEVEL"), service);
            assertEquals("DEBUG", data.get("QUARKUS_LOG_CATEGORY__ORG_GATEHOUSE_TOKEN__LEVEL"), service);
            assertEquals("TRACE", data.get("QUARKUS_LOG_CATEGORY__IO_QUARKUS_OIDC__LEVEL"), service);
            assertEquals("false", data.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), service);
        }
    }

    @Test
    void templateWhenAccessLogEnabledThenItLogsPathsWithoutQueryStrings() {
        Manifests manifests = EscapeHatchesTest.render("access-log", "logging:\n  accessLog:\n    enabled: true\n");
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            assertEquals("true", data.get("QUARKUS_HTTP_ACCESS_LOG_ENABLED"), service);
            String pattern = data.get("QUARKUS_HTTP_ACCESS_LOG_PATTERN");
            // %U is the path alone; %r (request line) and %q (query) would write state, codes or tokens in the log.
            assertTrue(pattern.contains("%U"), pattern);
            assertFalse(pattern.contains("%r") || pattern.contains("%q") || pattern.contains("common") || pattern.contains("combined"), pattern);
        }
    }

    @Test
    void templateWhenLogLevelIsNotOneQuarkusKnowsThenHelmRefuses() {
        var file = TestRenders.valuesFile("logging-wrong-level", "logging:\n  level: VERBOSE\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("level"), refused.getMessage());
    }
}
