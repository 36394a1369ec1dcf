package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NetworkPolicies, evaluated as a CNI would for pods of the release namespace: default deny; the ingress
 * controller and the siblings reach a service's application port, the metrics scraper its management port, and
 * nothing else; a service reaches DNS, PostgreSQL and the siblings it is configured to call, and nothing else.
 */
class NetworkPolicyTest {

    private static final Map<String, String> INGRESS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
    private static final Map<String, String> INGRESS_POD = Map.of("app.kubernetes.io/name", "ingress-nginx");
    private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    private static final Map<String, String> OTHER_NAMESPACE = Map.of("kubernetes.io/metadata.name", "somewhere-else");
    private static final Map<String, String> DNS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "kube-system");
    private static final Map<String, String> DNS_POD = Map.of("k8s-app", "kube-dns");

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenEverythingIsDeniedByDefault(TestRenders.Source source) {
        NetworkPolicy deny = StrictValidator.parse(TestRenders.yaml(source)).get(NetworkPolicy.class, "gatehouse-default-deny");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels().isEmpty()
                && deny.getSpec().getPodSelector().getMatchExpressions().isEmpty(), "selects every pod");
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenOnlyIngressControllerScraperAndSiblingsReachAServicePort(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        TestContract.SERVICES.forEach((service, port) -> {
            NetworkPolicy policy = manifests.get(NetworkPolicy.class, service);
            String at = source + " " + service;
            int management = TestContract.MANAGEMENT.get(service);
            assertTrue(matches(policy.getSpec().getPodSelector(), podLabels(manifests, service)), at + " selects its pods");
            assertTrue(ingressAllowed(policy, INGRESS_NAMESPACE, INGRESS_POD, false, port), at + " from the ingress controller");
            assertTrue(ingressAllowed(policy, MONITORING_NAMESPACE, Map.of("app", "prometheus"), false, management),
                    at + " management port from Prometheus");
            assertFalse(ingressAllowed(policy, INGRESS_NAMESPACE, INGRESS_POD, false, management),
                    at + " management port from the ingress controller");
            for (String sibling : TestContract.SERVICES.keySet()) {
                assertTrue(ingressAllowed(policy, Map.of(), podLabels(manifests, sibling), true, port), at + " from " + sibling);
            }
            assertFalse(ingressAllowed(policy, Map.of(), Map.of("app.kubernetes.io/name", "intruder"), true, port), at + " from a stranger");
            assertFalse(ingressAllowed(policy, OTHER_NAMESPACE, INGRESS_POD, false, port), at + " from another namespace");
            assertFalse(ingressAllowed(policy, INGRESS_NAMESPACE, INGRESS_POD, false, port + 1000), at + " on another port");
        });
    }

    /**
     * Trust boundaries in Kubernetes: every pod of the monitoring namespace reached every service port, so it could
     * call the public and /internal APIs with forged {@code X-Forwarded-For}/{@code -Proto}. It reaches the
     * management port (health, metrics) and nothing else.
     */
    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenMonitoringNamespaceReachesOnlyManagementPorts(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        TestContract.SERVICES.forEach((service, port) -> {
            NetworkPolicy policy = manifests.get(NetworkPolicy.class, service);
            String at = source + " " + service;
            for (Map<String, String> pod : List.of(Map.of("app", "prometheus"), Map.of("app", "anything-else"))) {
                assertFalse(ingressAllowed(policy, MONITORING_NAMESPACE, pod, false, port), at + " application port from " + pod);
            }
            assertTrue(ingressAllowed(policy, MONITORING_NAMESPACE, Map.of("app", "prometheus"), false,
                    TestContract.MANAGEMENT.get(service)), at + " management port from Prometheus");
        });
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenServicesReachOnlyDnsPostgresqlAndTheSiblingsTheyCall(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        boolean inClusterDatabase = !manifests.all(StatefulSet.class).isEmpty();
        for (String service : TestContract.SERVICES.keySet()) {
            NetworkPolicy policy = manifests.get(NetworkPolicy.class, service);
            String at = source + " " + service;
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                assertFalse(rule.getTo().isEmpty(), at + ": an egress rule without `to` opens every destination");
                assertFalse(rule.getPorts().isEmpty(), at + ": an egress rule without ports opens every port");
                for (NetworkPolicyPort port : rule.getPorts()) {
                    int number = port.getPort().getIntVal();
                    assertTrue(number == 53 || number == 5432 || TestContract.SERVICES.containsValue(number), at + " egress port " + number);
                }
            }
            assertTrue(egressAllowed(policy, DNS_NAMESPACE, DNS_POD, false, 53, "UDP"), at + " DNS over UDP");
            assertTrue(egressAllowed(policy, DNS_NAMESPACE, DNS_POD, false, 53, "TCP"), at + " DNS over TCP");
            if (inClusterDatabase) {
                Map<String, String> database = manifests.get(StatefulSet.class, "gatehouse-postgresql")
                        .getSpec().getTemplate().getMetadata().getLabels();
                assertTrue(egressAllowed(policy, Map.of(), database, true, 5432, "TCP"), at + " to PostgreSQL");
                NetworkPolicy databasePolicy = manifests.get(NetworkPolicy.class, "gatehouse-postgresql");
                assertTrue(ingressAllowed(databasePolicy, Map.of(), podLabels(manifests, service), true, 5432), at + " PostgreSQL admits it");
                assertFalse(ingressAllowed(databasePolicy, INGRESS_NAMESPACE, INGRESS_POD, false, 5432), "PostgreSQL is not public");
            } else {
                assertTrue(policy.getSpec().getEgress().stream().anyMatch(rule -> rule.getTo().stream()
                        .allMatch(peer -> peer.getIpBlock() != null) && rule.getPorts().stream()
                        .allMatch(p -> p.getPort().getIntVal() == 5432)), at + " to the external PostgreSQL");
            }
            // Each sibling URL of the service's ConfigMap is reachable both ways through the policies.
            manifests.get(ConfigMap.class, service).getData().forEach((name, value) -> {
                if (name.startsWith("QUARKUS_REST_CLIENT_") || name.equals("QUARKUS_OIDC_AUTH_SERVER_URL")) {
                    URI uri = URI.create(value);
                    Map<String, String> target = podLabels(manifests, uri.getHost());
                    assertTrue(egressAllowed(policy, Map.of(), target, true, uri.getPort(), "TCP"), at + " → " + value);
                    assertTrue(ingressAllowed(manifests.get(NetworkPolicy.class, uri.getHost()), Map.of(),
                            podLabels(manifests, service), true, uri.getPort()), at + " → " + value + " (callee side)");
                }
            });
        }
    }

    /**
     * token-service fetches private_key_jwt clients' keys from their jwks_uri: off by default (no internet egress);
     * on, it reaches public addresses on 443 only, never private, link-local (cloud metadata) or loopback ones,
     * and no other service gains anything.
     */
    @Test
    void renderWhenJwksUriEgressOnThenOnlyTokenServiceReachesPublicAddressesOnHttps() {
        Manifests off = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        assertFalse(egressToAddressAllowed(off.get(NetworkPolicy.class, "token-service"), "203.0.113.10", 443), "off by default");

        String yaml = TestRenders.renderer().template(List.of(TestRenders.valuesFile("jwks-uri-egress",
                "networkPolicy:\n  jwksUriEgress:\n    enabled: true\n")));
        assertEquals(List.of(), StrictValidator.validate(yaml));
        Manifests on = StrictValidator.parse(yaml);
        NetworkPolicy token = on.get(NetworkPolicy.class, "token-service");
        assertTrue(egressToAddressAllowed(token, "203.0.113.10", 443), "a public jwks_uri");
        assertTrue(egressToAddressAllowed(token, "2001:db8::10", 443), "a public jwks_uri over IPv6");
        for (String inside : List.of("10.1.2.3", "172.20.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "127.0.0.1", "fd00::1", "fe80::1")) {
            assertFalse(egressToAddressAllowed(token, inside, 443), "token-service → " + inside);
        }
        assertFalse(egressToAddressAllowed(token, "203.0.113.10", 80), "plain HTTP");
        for (String other : List.of("registration-service", "authorization-service", "resource-service")) {
            assertFalse(egressToAddressAllowed(on.get(NetworkPolicy.class, other), "203.0.113.10", 443), other);
        }
    }

    @Test
    void renderWhenExtraIngressAndEgressThenEveryServicePolicyAppendsThem() {
        String yaml = TestRenders.renderer().template(List.of(TestRenders.valuesFile("network-policy-extras", """
                networkPolicy:
                  extraEgress:
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: vault}}}]
                      ports: [{port: 8200, protocol: TCP}]
                  extraIngress:
                    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: mesh}}}]
                      ports: [{port: 15090, protocol: TCP}]
                """)));
        assertEquals(List.of(), StrictValidator.validate(yaml));
        Manifests manifests = StrictValidator.parse(yaml);
        Map<String, String> vault = Map.of("kubernetes.io/metadata.name", "vault");
        Map<String, String> mesh = Map.of("kubernetes.io/metadata.name", "mesh");
        for (String service : TestContract.SERVICES.keySet()) {
            NetworkPolicy policy = manifests.get(NetworkPolicy.class, service);
            assertTrue(egressAllowed(policy, vault, Map.of("app", "vault"), false, 8200, "TCP"), service + " → vault");
            assertFalse(egressAllowed(policy, vault, Map.of("app", "vault"), false, 8201, "TCP"), service + " → vault, other port");
            assertTrue(ingressAllowed(policy, mesh, Map.of(), false, 15090), service + " ← mesh");
            assertTrue(ingressAllowed(policy, INGRESS_NAMESPACE, INGRESS_POD, false, TestContract.SERVICES.get(service)),
                    service + " keeps the ingress controller");
        }
    }

    /** An egress rule with an ipBlock peer admits this address and port (the address in cidr, in no except). */
    private static boolean egressToAddressAllowed(NetworkPolicy policy, String address, int port) {
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            if (portMatches(rule.getPorts(), port, "TCP") && rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null
                    && inCidr(address, peer.getIpBlock().getCidr())
                    && peer.getIpBlock().getExcept().stream().noneMatch(except -> inCidr(address, except)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCidr(String address, String cidr) {
        try {
            byte[] ip = InetAddress.getByName(address).getAddress();
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            if (ip.length != network.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((ip[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> podLabels(Manifests manifests, String service) {
        return manifests.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static boolean ingressAllowed(NetworkPolicy policy, Map<String, String> namespace, Map<String, String> pod,
                                          boolean sameNamespace, int port) {
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            if (portMatches(rule.getPorts(), port, "TCP") && peerMatches(rule.getFrom(), namespace, pod, sameNamespace)) {
                return true;
            }
        }
        return false;
    }

    private static boolean egressAllowed(NetworkPolicy policy, Map<String, String> namespace, Map<String, String> pod,
                                         boolean sameNamespace, int port, String protocol) {
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            if (portMatches(rule.getPorts(), port, protocol) && peerMatches(rule.getTo(), namespace, pod, sameNamespace)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port, String protocol) {
        return ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort().getIntVal() == port
                && (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol));
    }

    /** NetworkPolicyPeer semantics: podSelector alone = same namespace; with namespaceSelector = both must match. */
    private static boolean peerMatches(List<NetworkPolicyPeer> peers, Map<String, String> namespace, Map<String, String> pod,
                                       boolean sameNamespace) {
        if (peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                continue;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null ? sameNamespace : matches(peer.getNamespaceSelector(), namespace);
            boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod);
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
