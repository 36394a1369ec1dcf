package org.gatehouse.k8s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A superficial PromQL check, for lack of promtool here: strings closed, brackets balanced and properly nested, range
 * selectors holding a duration (or Grafana's {@code $__rate_interval}), label matchers well formed, every function
 * called one PromQL has, no template left unrendered. It catches typos and broken edits, not type errors; the system
 * tests check the metric and label names against what the services really expose.
 */
final class PromQl {

    /** The functions and aggregations the chart's queries may use (PromQL has more; add them when needed). */
    static final Set<String> FUNCTIONS = Set.of("sum", "min", "max", "avg", "count", "topk", "bottomk", "rate",
            "irate", "increase", "delta", "histogram_quantile", "absent", "max_over_time", "min_over_time",
            "avg_over_time", "label_values", "clamp_min", "clamp_max", "time", "vector", "scalar");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+|\\$__rate_interval|\\$__interval");
    private static final Pattern MATCHER = Pattern.compile("\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"[^\"]*\"\\s*");
    private static final Pattern CALL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\(");

    private PromQl() {
    }

    /** What is wrong with {@code expr}; empty when it passes. */
    static List<String> problems(String expr) {
        List<String> problems = new ArrayList<>();
        if (expr == null || expr.isBlank()) {
            return List.of("empty expression");
        }
        if (expr.contains("{{") || expr.contains("}}")) {
            problems.add("template left unrendered: " + expr);
        }
        Deque<Character> open = new ArrayDeque<>();
        StringBuilder outsideStrings = new StringBuilder();
        int braceStart = -1;
        int bracketStart = -1;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"') {
                int end = expr.indexOf('"', i + 1);
                if (end < 0) {
                    problems.add("unclosed string at " + i);
                    break;
                }
                outsideStrings.append("\"\"");
                i = end;
                continue;
            }
            outsideStrings.append(c);
            switch (c) {
                case '(' -> open.push(')');
                case '{' -> {
                    open.push('}');
                    braceStart = i;
                }
                case '[' -> {
                    open.push(']');
                    bracketStart = i;
                }
                case ')', '}', ']' -> {
                    if (open.isEmpty() || open.pop() != c) {
                        problems.add("unbalanced '" + c + "' at " + i + " in " + expr);
                        return problems;
                    }
                    if (c == '}' && !matchers(expr.substring(braceStart + 1, i))) {
                        problems.add("malformed label matchers {" + expr.substring(braceStart + 1, i) + "}");
                    }
                    if (c == ']' && !DURATION.matcher(expr.substring(bracketStart + 1, i).trim()).matches()) {
                        problems.add("range is not a duration: [" + expr.substring(bracketStart + 1, i) + "]");
                    }
                }
                default -> {
                }
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed '" + open.peek() + "' in " + expr);
        }
        Matcher call = CALL.matcher(outsideStrings);
        while (call.find()) {
            String name = call.group(1);
            if (!FUNCTIONS.contains(name) && !KEYWORDS.contains(name)) {
                problems.add("unknown function " + name + "()");
            }
        }
        return problems;
    }

    /** Comma-separated {@code name op "value"} matchers (a trailing comma allowed, as PromQL allows it). */
    private static boolean matchers(String inside) {
        if (inside.isBlank()) {
            return true;
        }
        String[] parts = inside.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean trailing = i == parts.length - 1 && parts[i].isBlank() && i > 0;
            if (!trailing && !MATCHER.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }
}
