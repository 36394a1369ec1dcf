package org.gatehouse.k8s;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code helm test}: a hook Pod asks token-service, through its Service, for OpenID discovery and passes only when
 * the issuer and jwks_uri are the release's public URL. Its script is run here against a stand-in server (a right
 * and a wrong document, a refusal); ServiceProbesTest runs it against the real token-service. Rendered by the helm
 * binary: helm-java's template output has no hooks.
 */
class HelmTestHookTest {

    @Test
    void templateWhenTestsEnabledThenAHookPodAsksTokenServiceThroughItsServiceUnderRestrictedSecurity() {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.HELM_CLI));
        Pod pod = manifests.get(Pod.class, "gatehouse-test-discovery");
        assertEquals("test", pod.getMetadata().getAnnotations().get("helm.sh/hook"));
        Map<String, String> env = env(pod.getSpec().getContainers().get(0));
        URI discovery = URI.create(env.get("DISCOVERY_URL"));
        Service token = manifests.get(Service.class, discovery.getHost());
        assertEquals("token-service", token.getSpec().getSelector().get("app.kubernetes.io/name"));
        assertEquals(token.getSpec().getPorts().get(0).getPort(), discovery.getPort(), "the application port");
        assertEquals("/.well-known/openid-configuration", discovery.getPath());
        assertEquals("https://gatehouse.example.com", env.get("ISSUER"));
        assertEquals(Boolean.TRUE, pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.FALSE, pod.getSpec().getAutomountServiceAccountToken());
        assertEquals(Boolean.TRUE, pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(StrictValidator.parse(TestRenders.helmCli(List.of(TestRenders.valuesFile("tests-off", "tests:\n  enabled: false\n"))))
                .all(Pod.class).isEmpty(), "tests.enabled=false");
    }

    @Test
    void templateWhenTestsEnabledThenTheNetworkPoliciesLetTheTestPodReachTokenServiceOnly() {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.HELM_CLI));
        Map<String, String> testPod = manifests.get(Pod.class, "gatehouse-test-discovery").getMetadata().getLabels();
        NetworkPolicy own = manifests.get(NetworkPolicy.class, "gatehouse-test-discovery");
        assertTrue(own.getSpec().getPodSelector().getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(testPod.get(e.getKey()))), "its policy selects it");
        Map<String, String> tokenPods = manifests.get(Deployment.class, "token-service").getSpec().getTemplate().getMetadata().getLabels();
        int tokenPort = TestContract.SERVICES.get("token-service");
        assertTrue(own.getSpec().getEgress().stream().anyMatch(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == tokenPort)
                && rule.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                && tokenPods.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet()))), "egress to token-service");
        assertTrue(own.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .allMatch(p -> p.getPort().getIntVal() == tokenPort || p.getPort().getIntVal() == 53), "nothing else");
        for (String service : TestContract.SERVICES.keySet()) {
            boolean admitted = manifests.get(NetworkPolicy.class, service).getSpec().getIngress().stream()
                    .flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                            && NetworkPolicyTest.matches(peer.getPodSelector(), testPod));
            assertEquals(service.equals("token-service"), admitted, service + " admits the test Pod");
        }
    }

    @Test
    void runWhenDiscoveryNamesThisIssuerThenTheHookPasses() throws Exception {
        String issuer = "https://gatehouse.example.com";
        try (Stub stub = Stub.serving(200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/oauth/jwks\"}")) {
            assertEquals(0, run(DEFAULT_POD.get(), stub.url(), issuer));
            assertEquals("https", stub.forwardedProto, "asks as the ingress would");
        }
    }

    @Test
    void runWhenDiscoveryNamesAnotherIssuerThenTheHookFails() throws Exception {
        try (Stub stub = Stub.serving(200, "{\"issuer\":\"https://elsewhere.example.com\",\"jwks_uri\":\"https://elsewhere.example.com/oauth/jwks\"}")) {
            assertNotEquals(0, run(DEFAULT_POD.get(), stub.url(), "https://gatehouse.example.com"));
        }
    }

    @Test
    void runWhenTheServiceRefusesThenTheHookFails() throws Exception {
        try (Stub stub = Stub.serving(400, "{\"error\":\"invalid_request\",\"error_description\":\"HTTPS required\"}")) {
            assertNotEquals(0, run(DEFAULT_POD.get(), stub.url(), "https://gatehouse.example.com"));
        }
    }

    private static final java.util.function.Supplier<Pod> DEFAULT_POD = () ->
            StrictValidator.parse(TestRenders.yaml(TestRenders.Source.HELM_CLI)).get(Pod.class, "gatehouse-test-discovery");

    /** Runs the hook container's command with its env, DISCOVERY_URL pointed at {@code discoveryUrl}: the exit code. */
    static int run(Pod pod, String discoveryUrl, String issuer) throws IOException, InterruptedException {
        Container container = pod.getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>(container.getCommand());
        command.addAll(container.getArgs());
        // A quick retry here: the Pod's retries wait for a Service that is still starting.
        command.set(command.size() - 1, command.get(command.size() - 1).replace("--retry 6 --retry-delay 5", "--retry 1 --retry-delay 1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env(container));
        builder.environment().put("DISCOVERY_URL", discoveryUrl);
        builder.environment().put("ISSUER", issuer);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hook script timed out: " + output);
        System.out.println("helm test hook exited " + process.exitValue() + ": " + output.strip());
        return process.exitValue();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** A one-path HTTP server answering discovery with a fixed status and body. */
    private static final class Stub implements AutoCloseable {
        private final HttpServer server;
        volatile String forwardedProto;

        private Stub(HttpServer server) {
            this.server = server;
        }

        static Stub serving(int status, String body) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Stub stub = new Stub(server);
            server.createContext("/.well-known/openid-configuration", exchange -> {
                stub.forwardedProto = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return stub;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/openid-configuration";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
