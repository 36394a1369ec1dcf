package org.gatehouse.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public route table (k8s/helm/gatehouse/routes.yaml, copied into this jar at build time) that the Kubernetes
 * Ingress is rendered from too, so the local edge cannot drift from production routing.
 *
 * <p>Matching follows Kubernetes {@code pathType: Prefix}
 * (https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types): a prefix matches the path itself
 * or the path continued by {@code /}, element-wise, and the longest matching prefix wins.
 */
public final class RouteTable {

    /** Classpath location of the table inside the launcher jar. */
    public static final String RESOURCE = "routes.yaml";

    /** Never public: sibling-only APIs and Quarkus' management endpoints. */
    private static final List<String> NEVER_ROUTED = List.of("/internal", "/q");

    private final List<Route> routes;

    /** One row of the table: a path prefix (no trailing slash) and the service that serves it. */
    public record Route(String prefix, String service) {

        boolean matches(String path) {
            if (prefix.equals("/")) {
                return path.startsWith("/");
            }
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private RouteTable(List<Route> routes) {
        // Longest prefix first so the first match is the most specific one.
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(sorted);
    }

    /** Loads the table packaged in the launcher jar. */
    public static RouteTable load() {
        try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; rebuild local-edge");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Parses a table in the routes.yaml format: {@code routes: [{prefix, service}, ...]}. */
    public static RouteTable parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode rows = root == null ? null : root.get("routes");
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " has no routes");
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode row : rows) {
            routes.add(of(text(row, "prefix"), text(row, "service")));
        }
        return new RouteTable(routes);
    }

    /** Builds a table from rows, with the same validation as {@link #parse}. */
    public static RouteTable of(List<Route> rows) {
        List<Route> routes = new ArrayList<>();
        for (Route row : rows) {
            routes.add(of(row.prefix(), row.service()));
        }
        return new RouteTable(routes);
    }

    private static Route of(String prefix, String service) {
        if (!prefix.startsWith("/")) {
            throw new IllegalStateException("Route prefix must start with '/': " + prefix);
        }
        // Kubernetes ignores a trailing slash on a Prefix path ("/.well-known/" == "/.well-known").
        String normalized = prefix.length() > 1 && prefix.endsWith("/")
                ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String forbidden : NEVER_ROUTED) {
            Route probe = new Route(normalized, service);
            if (probe.matches(forbidden) || new Route(forbidden, service).matches(normalized)) {
                throw new IllegalStateException("Route " + prefix + " would expose " + forbidden
                        + ", which is never publicly routed");
            }
        }
        return new Route(normalized, service);
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException(RESOURCE + " row without " + field + ": " + row);
        }
        return value.asText().trim();
    }

    /** The route for a request path, or empty when the path is not public. */
    public Optional<Route> match(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** Every service the table routes to. */
    public Set<String> services() {
        Set<String> services = new TreeSet<>();
        routes.forEach(r -> services.add(r.service()));
        return services;
    }

    public List<Route> routes() {
        return routes;
    }
}
