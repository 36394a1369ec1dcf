package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ingress is the route table (routes.yaml, which the local edge reads too), exactly, and never /internal. */
class IngressRoutesTest {

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenIngressPathsAreExactlyTheRouteTable(TestRenders.Source source) throws IOException {
        Ingress ingress = StrictValidator.parse(TestRenders.yaml(source)).get(Ingress.class, "gatehouse");
        assertEquals(1, ingress.getSpec().getRules().size(), source.toString());
        Map<String, String> routed = new LinkedHashMap<>();
        for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
            assertEquals("Prefix", path.getPathType(), source + " " + path.getPath());
            assertEquals("http", path.getBackend().getService().getPort().getName(), source + " " + path.getPath());
            routed.put(path.getPath(), path.getBackend().getService().getName());
        }
        assertEquals(routeTable(), routed, source + ": Ingress paths differ from routes.yaml");
        assertTrue(routed.keySet().stream().noneMatch(p -> p.startsWith("/internal")), source + " routes /internal");
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenTheHostIsThePublicUrlsAndTlsCoversIt(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        Ingress ingress = manifests.get(Ingress.class, "gatehouse");
        String publicUrl = manifests.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "token-service")
                .getData().get("GATEHOUSE_PUBLIC_URL");
        String host = ingress.getSpec().getRules().get(0).getHost();
        assertEquals(java.net.URI.create(publicUrl).getHost(), host, source.toString());
        assertEquals(List.of(host), ingress.getSpec().getTls().get(0).getHosts(), source.toString());
        assertEquals("nginx", ingress.getSpec().getIngressClassName(), source.toString());
    }

    /** admin.publicRoutes=false: the admin API leaves the public Ingress and HTTPRoute, every other route stays. */
    @Test
    void renderWhenAdminRoutesOffThenNoAdminPathPubliclyAndTheRestUnchanged() throws IOException {
        Manifests manifests = StrictValidator.parse(TestRenders.renderer().template(List.of(TestRenders.valuesFile(
                "admin-internal", "admin:\n  publicRoutes: false\n"))));
        Ingress ingress = manifests.get(Ingress.class, "gatehouse");
        List<String> routed = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .map(HTTPIngressPath::getPath).toList();
        List<String> expected = routeTable().keySet().stream().filter(p -> !p.startsWith("/admin")).toList();
        assertTrue(routeTable().containsKey("/admin/api/v1/clients"));
        assertEquals(expected, routed);
    }

    @Test
    void routeTableWhenReadThenNoPrefixIsInternalAndEveryServiceIsKnown() throws IOException {
        Map<String, String> routes = routeTable();
        assertFalse(routes.isEmpty());
        routes.forEach((prefix, service) -> {
            assertTrue(prefix.startsWith("/") && !prefix.startsWith("/internal"), prefix);
            assertTrue(TestContract.SERVICES.containsKey(service), prefix + " → " + service);
        });
    }

    @Test
    void renderWhenRouteTableListsAnInternalPathThenTheChartRefusesToRender(@TempDir Path copy) throws IOException {
        Path chart = copyChart(copy);
        Files.writeString(chart.resolve("routes.yaml"),
                Files.readString(chart.resolve("routes.yaml")) + "  - { prefix: /internal/clients, service: registration-service }\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ChartRenderer(chart, TestRenders.KUBE_VERSION).template(List.of()));
        assertTrue(refused.getMessage().contains("\"/internal/clients\" cannot be routed publicly"), refused.getMessage());
    }

    /** routes.yaml as prefix → service, in file order. */
    static Map<String, String> routeTable() throws IOException {
        Map<?, ?> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(TestRenders.ROUTES));
        Map<String, String> routes = new LinkedHashMap<>();
        for (Object route : (List<?>) file.get("routes")) {
            Map<?, ?> entry = (Map<?, ?>) route;
            routes.put(entry.get("prefix").toString(), entry.get("service").toString());
        }
        return routes;
    }

    static Path copyChart(Path target) throws IOException {
        Path chart = target.resolve("gatehouse");
        try (Stream<Path> files = Files.walk(TestRenders.CHART)) {
            for (Path source : files.toList()) {
                Path destination = chart.resolve(TestRenders.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return chart;
    }
}
