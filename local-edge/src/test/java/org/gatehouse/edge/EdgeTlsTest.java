package org.gatehouse.edge;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-local.sh --public-url https://…} refused every request: the edge overwrote X-Forwarded-Proto with its
 * own plain-http scheme, whether it sat behind a TLS proxy or not. Now it serves TLS itself ({@code --tls}, with a
 * self-signed certificate made once) or keeps the headers of a named TLS proxy in front of it
 * ({@code --trusted-proxy}); everyone else's are still replaced.
 */
class EdgeTlsTest {

    @TempDir
    static Path state;
    private static Vertx vertx;
    private static HttpServer backend;
    private static RouteTable routes;
    private static Map<String, SocketAddress> backends;

    @BeforeAll
    static void startBackend() throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("proto", request.getHeader("X-Forwarded-Proto"))
                        .put("xff", request.getHeader("X-Forwarded-For"))
                        .put("host", request.getHeader("X-Forwarded-Host")).encode()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        routes = RouteTable.of(List.of(new RouteTable.Route("/oauth/token", "echo")));
        backends = Map.of("echo", SocketAddress.inetSocketAddress(backend.actualPort(), "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void startWhenTlsThenServesHttpsWithTheGeneratedCertificateAndBackendsSeeHttps() throws Exception {
        EdgeCertificate certificate = EdgeCertificate.resolve(Map.of(), state, "https://localhost:8443");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(certificate.keyStore()));
        try (EdgeProxy edge = new EdgeProxy(vertx, routes, backends).start("127.0.0.1", 0, certificate)) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + edge.port() + "/oauth/token")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("https", new JsonObject(response.body()).getString("proto"));
            X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            assertTrue(served.getSubjectAlternativeNames().stream().anyMatch(n -> "localhost".equals(n.get(1))),
                    String.valueOf(served.getSubjectAlternativeNames()));
        }
        // Kept across restarts: the same key store comes back, so a browser's exception keeps holding.
        assertEquals(certificate, EdgeCertificate.resolve(Map.of(), state, "https://localhost:8443"));
    }

    @Test
    void handleWhenTrustedProxyForwardsThenItsHeadersKeptAndAnyoneElsesReplaced() throws Exception {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Host", "gatehouse.example");
        HttpClient client = HttpClient.newHttpClient();
        try (EdgeProxy edge = new EdgeProxy(vertx, routes, backends, "127.0.0.1").start("127.0.0.1", 0)) {
            JsonObject seen = new JsonObject(client.send(forwarded.uri(
                    URI.create("http://127.0.0.1:" + edge.port() + "/oauth/token")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("https", seen.getString("proto"));
            assertEquals("203.0.113.7", seen.getString("xff"));
            assertEquals("gatehouse.example", seen.getString("host"));
        }
        try (EdgeProxy edge = new EdgeProxy(vertx, routes, backends, "10.9.8.7").start("127.0.0.1", 0)) {
            JsonObject seen = new JsonObject(client.send(forwarded.uri(
                    URI.create("http://127.0.0.1:" + edge.port() + "/oauth/token")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("http", seen.getString("proto"));
            assertEquals("127.0.0.1", seen.getString("xff"));
        }
    }

    /** A client that trusts exactly the edge's certificate. */
    private static SSLContext trusting(EdgeCertificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.keyStore())) {
            store.load(in, certificate.password().toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("edge", store.getCertificate(store.aliases().nextElement()));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
