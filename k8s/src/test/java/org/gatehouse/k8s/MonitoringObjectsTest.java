package org.gatehouse.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What SREs import: the PrometheusRule rendered from monitoring/gatehouse-alerts.yaml (the six alerts, each with a
 * runbook section in k8s/README.md, thresholds and release selection from values) and the Grafana dashboard
 * (monitoring/gatehouse-dashboard.json) as a ConfigMap for Grafana's sidecar. Schema and PromQL well-formedness of
 * every rendered rule is {@link StrictValidator}'s (RenderedManifestsValidationTest renders them on); that every
 * metric and label they name exists is checked against the running services by system-tests'
 * ClientCredentialsFlowTest#metricsWhenTrafficServedThenEveryAlertAndDashboardQueryReadsExposedMetricsAndLabels.
 */
class MonitoringObjectsTest {

    static final Path DASHBOARD = TestRenders.CHART.resolve("monitoring/gatehouse-dashboard.json");
    static final List<String> ALERTS = List.of("GatehouseHighErrorRatio", "GatehouseLatencyOverBudget",
            "GatehouseDatabasePoolExhausted", "GatehouseRevocationFeedStale", "GatehouseSigningKeyOverdue",
            "GatehouseServiceNotReady");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void renderWhenDefaultsThenNeitherRuleNorDashboard() {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        assertEquals(List.of(), manifests.all(PrometheusRule.class));
        assertTrue(manifests.find(ConfigMap.class, "gatehouse-dashboard").isEmpty());
    }

    @Test
    void renderWhenPrometheusRuleEnabledThenEachAlertHasSeverityTextRunbookUrlAndRunbookSection() throws IOException {
        PrometheusRule rule = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.MONITORING))
                .get(PrometheusRule.class, "gatehouse");
        assertEquals("prometheus", rule.getMetadata().getLabels().get("release"), "the label Prometheus selects rules by");
        List<Rule> rules = rules(rule);
        assertEquals(ALERTS, rules.stream().map(Rule::getAlert).toList());
        String runbooks = Files.readString(TestRenders.K8S.resolve("README.md"));
        for (Rule alert : rules) {
            assertTrue(Set.of("warning", "critical").contains(alert.getLabels().get("severity")), alert.getAlert());
            assertFalse(alert.getAnnotations().getOrDefault("summary", "").isBlank(), alert.getAlert() + " summary");
            assertFalse(alert.getAnnotations().getOrDefault("description", "").isBlank(), alert.getAlert() + " description");
            assertEquals("https://git.example.org/gatehouse/blob/main/k8s/README.md#" + alert.getAlert().toLowerCase(Locale.ROOT),
                    alert.getAnnotations().get("runbook_url"));
            assertTrue(alert.getFor() != null, alert.getAlert() + " fires only once it lasts");
            assertTrue(runbooks.contains("\n#### " + alert.getAlert() + "\n"), "k8s/README.md has no runbook section "
                    + alert.getAlert());
            // Prometheus' own templates reach Prometheus untouched: Helm renders the expressions only.
            assertTrue(alert.getAnnotations().get("summary").contains("{{"), alert.getAlert() + " summary templated");
        }
    }

    @Test
    void renderWhenThresholdsAndAPrefixSetThenExpressionsCarryThemAndSelectOnlyThisRelease() {
        List<Rule> rules = rules(EscapeHatchesTest.render("alert-thresholds", """
                fullnameOverride: blue
                metrics:
                  prometheusRule:
                    enabled: true
                    errorRatio: 0.02
                    p99LatencySeconds: 0.5
                    revocationFeedMaxAgeSeconds: 10
                    signingKeyRotationGraceSeconds: 60
                """).get(PrometheusRule.class, "blue"));
        String jobs = "job=~\"blue-authorization-service|blue-registration-service|blue-resource-service|blue-token-service\"";
        for (Rule alert : rules) {
            String expr = alert.getExpr().getStrVal();
            assertTrue(expr.contains(jobs), alert.getAlert() + ": " + expr);
        }
        assertTrue(expr(rules, "GatehouseHighErrorRatio").endsWith("> 0.02"));
        assertTrue(expr(rules, "GatehouseLatencyOverBudget").endsWith("> 0.5"));
        assertTrue(expr(rules, "GatehouseRevocationFeedStale").endsWith("> 10"));
        assertTrue(expr(rules, "GatehouseSigningKeyOverdue").endsWith("+ 60)"));
        assertFalse(expr(rules, "GatehouseHighErrorRatio").contains("runbook_url"));
    }

    @Test
    void renderWhenSelectorSetThenItReplacesNamespaceAndJobs() {
        List<Rule> rules = rules(EscapeHatchesTest.render("alert-selector", """
                metrics:
                  prometheusRule:
                    enabled: true
                    selector: 'kubernetes_namespace="auth", app="gatehouse"'
                """).get(PrometheusRule.class, "gatehouse"));
        for (Rule alert : rules) {
            String expr = alert.getExpr().getStrVal();
            assertTrue(expr.contains("{kubernetes_namespace=\"auth\", app=\"gatehouse\""), expr);
            assertFalse(expr.contains("job=~"), expr);
        }
    }

    @Test
    void renderWhenDashboardEnabledThenConfigMapHoldsTheDashboardFileUnderTheSidecarLabel() throws IOException {
        ConfigMap dashboard = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.MONITORING))
                .get(ConfigMap.class, "gatehouse-dashboard");
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        assertEquals("Gatehouse", dashboard.getMetadata().getAnnotations().get("grafana_folder"));
        String json = dashboard.getData().get("gatehouse-dashboard.json");
        assertEquals(JSON.readTree(Files.readString(DASHBOARD)), JSON.readTree(json));
        // kubectl apply keeps a copy in an annotation, limited to 256 KiB.
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length < 200 * 1024, "dashboard too large for a ConfigMap");

        ConfigMap relabelled = EscapeHatchesTest.render("dashboard-label", """
                metrics:
                  grafanaDashboard:
                    enabled: true
                    labels: {grafana_dashboard: "gatehouse"}
                """).get(ConfigMap.class, "gatehouse-dashboard");
        assertEquals("gatehouse", relabelled.getMetadata().getLabels().get("grafana_dashboard"));
    }

    /**
     * Importable by hand as well as by the sidecar: a stable uid, the Prometheus data source as a variable, every
     * query well formed and filtered by the namespace and service variables, panels inside the 24-column grid.
     */
    @Test
    void dashboardWhenParsedThenEveryQueryWellFormedAndFilteredByTheDashboardVariables() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        assertEquals("gatehouse-overview", dashboard.path("uid").asText());
        Set<String> variables = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(variable -> variables.add(variable.path("name").asText()));
        assertEquals(Set.of("application", "datasource", "namespace"), variables);

        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel id repeated: " + title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + " outside the grid");
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
            assertFalse(panel.path("targets").isEmpty(), title + " has no query");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                queries++;
                PromQl.problems(expr).forEach(problem -> problems.add(title + ": " + problem));
                long selectors = expr.chars().filter(c -> c == '{').count();
                long filtered = expr.split("namespace=~\"\\$namespace\", application=~\"\\$application\"", -1).length - 1L;
                if (selectors != filtered) {
                    problems.add(title + ": a selector without the namespace and service filters: " + expr);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(queries >= 20, "queries: " + queries);
    }

    private static List<Rule> rules(PrometheusRule rule) {
        return rule.getSpec().getGroups().stream().flatMap(group -> group.getRules().stream()).toList();
    }

    private static String expr(List<Rule> rules, String alert) {
        return rules.stream().filter(rule -> rule.getAlert().equals(alert)).findFirst().orElseThrow()
                .getExpr().getStrVal();
    }
}
