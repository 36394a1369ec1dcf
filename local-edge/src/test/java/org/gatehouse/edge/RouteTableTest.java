package org.gatehouse.edge;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    private final RouteTable table = RouteTable.load();

    @Test
    void handleWhenPackagedTableLoadedThenEveryServiceIsRouted() {
        assertEquals(PlatformService.names().stream().sorted().toList(), List.copyOf(table.services()));
    }

    @Test
    void handleWhenPathEqualsPrefixThenRouted() {
        assertEquals("token-service", service("/oauth/token"));
        assertEquals("registration-service", service("/api/v1/apps"));
    }

    @Test
    void handleWhenPathContinuesPrefixWithSlashThenRouted() {
        assertEquals("token-service", service("/.well-known/openid-configuration"));
        assertEquals("registration-service", service("/api/v1/apps/verify_credentials"));
        assertEquals("resource-service", service("/api/v1/accounts/verify_credentials"));
    }

    @Test
    void handleWhenPathOnlySharesCharactersWithPrefixThenNotRouted() {
        assertEquals(Optional.empty(), table.match("/oauth/tokenizer"));
        assertEquals(Optional.empty(), table.match("/api/v1/appsx"));
        // Kubernetes Prefix matching is per element: ".php" aliases need their own rows, which they have.
        assertEquals("token-service", service("/api/token.php"));
        assertEquals(Optional.empty(), table.match("/api/token.phpx"));
    }

    @Test
    void handleWhenInternalOrManagementPathThenNotRouted() {
        assertEquals(Optional.empty(), table.match("/internal/clients/x"));
        assertEquals(Optional.empty(), table.match("/internal"));
        assertEquals(Optional.empty(), table.match("/q/health/ready"));
        assertEquals(Optional.empty(), table.match("/"));
        assertEquals(Optional.empty(), table.match(""));
    }

    @Test
    void handleWhenPrefixesNestThenLongestWins() {
        RouteTable nested = RouteTable.of(List.of(
                new RouteTable.Route("/api", "a"),
                new RouteTable.Route("/api/v1/nodes", "b"),
                new RouteTable.Route("/api/v1", "c")));
        assertEquals("b", nested.match("/api/v1/nodes/7").orElseThrow().service());
        assertEquals("c", nested.match("/api/v1/other").orElseThrow().service());
        assertEquals("a", nested.match("/api/v2").orElseThrow().service());
    }

    @Test
    void handleWhenPrefixHasTrailingSlashThenTreatedAsWithout() {
        RouteTable slash = RouteTable.of(List.of(new RouteTable.Route("/.well-known/", "token-service")));
        assertEquals("token-service", slash.match("/.well-known").orElseThrow().service());
        assertEquals("token-service", slash.match("/.well-known/jwks.json").orElseThrow().service());
    }

    @Test
    void handleWhenTableWouldExposeInternalPathsThenRejected() {
        assertThrows(IllegalStateException.class,
                () -> RouteTable.of(List.of(new RouteTable.Route("/internal/clients", "registration-service"))));
        assertThrows(IllegalStateException.class,
                () -> RouteTable.of(List.of(new RouteTable.Route("/", "registration-service"))));
        assertThrows(IllegalStateException.class,
                () -> RouteTable.of(List.of(new RouteTable.Route("/q", "token-service"))));
    }

    @Test
    void handleWhenYamlHasNoRoutesThenRejected() {
        assertThrows(IllegalStateException.class, () -> RouteTable.parse(
                new ByteArrayInputStream("routes: []".getBytes(StandardCharsets.UTF_8))));
    }

    private String service(String path) {
        Optional<RouteTable.Route> route = table.match(path);
        assertTrue(route.isPresent(), "no route for " + path);
        return route.get().service();
    }
}
