package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gatewayApi.enabled renders an HTTPRoute from routes.yaml, the table the Ingress and the local edge use: the same
 * paths to the same Services, with the same prefix semantics (PathPrefix, like the Ingress's pathType Prefix, matches
 * on segment boundaries), for the public host, never /internal. The expected paths are derived from routes.yaml,
 * not listed here. The Gateway API CRDs cannot be downloaded in this build; {@link StrictValidator} checks the route
 * against the fabric8 Gateway API model plus the CRD's limits.
 */
class GatewayApiRoutesTest {

    @Test
    void templateWhenGatewayApiEnabledThenTheHttpRouteRoutesExactlyTheIngressPaths() throws IOException {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.GATEWAY_API));
        Map<String, String> expected = new TreeMap<>(IngressRoutesTest.routeTable());

        Map<String, String> ingress = new TreeMap<>();
        for (HTTPIngressPath path : manifests.get(Ingress.class, "gatehouse").getSpec().getRules().get(0).getHttp().getPaths()) {
            ingress.put(path.getPath(), path.getBackend().getService().getName());
        }
        Map<String, String> route = routed(manifests.get(HTTPRoute.class, "gatehouse"), manifests);

        assertEquals(expected, route, "HTTPRoute vs routes.yaml");
        assertEquals(ingress, route, "HTTPRoute vs Ingress");
        assertTrue(route.keySet().stream().noneMatch(p -> p.startsWith("/internal")));
    }

    @Test
    void templateWhenGatewayApiEnabledThenTheRouteServesThePublicHostThroughTheGivenListener() {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.GATEWAY_API));
        HTTPRoute route = manifests.get(HTTPRoute.class, "gatehouse");
        String publicUrl = manifests.get(ConfigMap.class, "token-service").getData().get("GATEHOUSE_PUBLIC_URL");
        assertEquals(List.of(URI.create(publicUrl).getHost()), route.getSpec().getHostnames());
        assertEquals(1, route.getSpec().getParentRefs().size());
        assertEquals("public", route.getSpec().getParentRefs().get(0).getName());
        assertEquals("gateway-system", route.getSpec().getParentRefs().get(0).getNamespace());
        assertEquals("https", route.getSpec().getParentRefs().get(0).getSectionName());
    }

    @Test
    void templateWhenGatewayApiReplacesTheIngressThenOnlyTheHttpRouteIsRendered() {
        String yaml = TestRenders.renderer().template(List.of(TestRenders.valuesFile("gateway-api-only",
                TestRenders.GATEWAY_API_VALUES + "ingress:\n  enabled: false\n")));
        assertEquals(List.of(), StrictValidator.validate(yaml));
        Manifests manifests = StrictValidator.parse(yaml);
        assertEquals(List.of(), manifests.all(Ingress.class));
        assertEquals(1, manifests.all(HTTPRoute.class).size());
        assertTrue(StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS)).all(HTTPRoute.class).isEmpty(), "off by default");
    }

    @Test
    void templateWhenGatewayApiHasNoParentThenHelmRefuses() {
        Path file = TestRenders.valuesFile("gateway-api-no-parent", "gatewayApi:\n  enabled: true\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("gatewayApi.parentRefs"), refused.getMessage());
    }

    @Test
    void templateWhenRouteTableListsAnInternalPathThenTheHttpRouteIsRefusedToo(@TempDir Path copy) throws IOException {
        Path chart = IngressRoutesTest.copyChart(copy);
        Files.writeString(chart.resolve("routes.yaml"),
                Files.readString(chart.resolve("routes.yaml")) + "  - { prefix: /internal/clients, service: registration-service }\n");
        Path values = TestRenders.valuesFile("gateway-api-only-internal", TestRenders.GATEWAY_API_VALUES + "ingress:\n  enabled: false\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ChartRenderer(chart, TestRenders.KUBE_VERSION).template(List.of(values)));
        assertTrue(refused.getMessage().contains("\"/internal/clients\" cannot be routed publicly"), refused.getMessage());
    }

    /** path prefix → service module, from the route's matches and the Services its backends name. */
    private static Map<String, String> routed(HTTPRoute route, Manifests manifests) {
        Map<String, String> routed = new TreeMap<>();
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            assertEquals(1, rule.getBackendRefs().size());
            HTTPBackendRef backend = rule.getBackendRefs().get(0);
            Service service = manifests.get(Service.class, backend.getName());
            assertEquals(service.getSpec().getPorts().stream().filter(p -> p.getName().equals("http")).findFirst().orElseThrow().getPort(),
                    backend.getPort(), "the application port");
            String module = service.getMetadata().getLabels().get("app.kubernetes.io/name");
            for (HTTPRouteMatch match : rule.getMatches()) {
                assertEquals("PathPrefix", match.getPath().getType(), match.getPath().getValue());
                assertEquals(null, routed.put(match.getPath().getValue(), module), "routed twice: " + match.getPath().getValue());
            }
        }
        return routed;
    }
}
