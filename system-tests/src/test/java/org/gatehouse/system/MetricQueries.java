package org.gatehouse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL the chart ships (the alert expressions of monitoring/gatehouse-alerts.yaml, the queries of
 * monitoring/gatehouse-dashboard.json) read for the metric and label names it depends on, and a Prometheus scrape
 * read for the names it offers, so a test can say which query would stay empty against the real services.
 */
final class MetricQueries {

    /** Labels Prometheus adds to every scraped series (target labels), which no service exposes itself. */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "job", "instance", "container", "service",
            "endpoint");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern HELM = Pattern.compile("\\{\\{.*?}}");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    /** One query: where it comes from, its PromQL, and the labels its legend shows (dashboard panels). */
    record Query(String source, String expr, Set<String> legendLabels) {
    }

    private MetricQueries() {
    }

    /** Every alert expression of the rules file, its Helm placeholders (selector, thresholds) removed. */
    static List<Query> alerts(Path rulesFile) throws IOException {
        Map<?, ?> rules = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(rulesFile));
        List<Query> queries = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> alert = (Map<?, ?>) rule;
                String expr = HELM.matcher(alert.get("expr").toString()).replaceAll("0")
                        .replaceAll("\\{\\s*0\\s*,", "{").replaceAll("\\{\\s*0\\s*}", "{}");
                queries.add(new Query("alert " + alert.get("alert"), expr, Set.of()));
            }
        }
        return queries;
    }

    /** Every target of every panel of the dashboard. */
    static List<Query> dashboard(Path dashboardFile) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(dashboardFile));
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Set<String> legend = new TreeSet<>();
                Matcher label = LEGEND.matcher(target.path("legendFormat").asText());
                while (label.find()) {
                    legend.add(label.group(1));
                }
                queries.add(new Query("panel " + panel.path("title").asText(), target.path("expr").asText(), legend));
            }
        }
        return queries;
    }

    /** The metric names a query reads: every selector's name and every bare series name. */
    static Set<String> metrics(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            names.add(selector.group(1));
        }
        String bare = GROUPING.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll(" ")
                .replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** For each metric of the query, the label names its matchers use. */
    static Map<String, Set<String>> matchedLabels(String expr) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Set<String> names = labels.computeIfAbsent(selector.group(1), metric -> new TreeSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return labels;
    }

    /** The label names of {@code by (...)}, {@code on (...)} and the like. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new TreeSet<>();
        Matcher grouping = GROUPING.matcher(expr);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        return labels;
    }

    /** A Prometheus text exposition as metric name → the label names its samples carry. */
    static Map<String, Set<String>> exposed(String scrape) {
        Map<String, Set<String>> exposed = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = exposed.computeIfAbsent(name, metric -> new TreeSet<>());
            if (brace >= 0 && brace < space) {
                Matcher label = SAMPLE_LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return exposed;
    }
}
