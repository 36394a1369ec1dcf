package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fullnameOverride / nameOverride: a second release in the namespace of the first gets its own object names,
 * Secrets and sibling URLs, and its Services, disruption budgets and NetworkPolicies select its own pods only
 * (selectors carry app.kubernetes.io/instance).
 */
class ReleaseNamesTest {

    @Test
    void templateWhenTwoReleasesShareANamespaceThenNoNameClashesAndEachSelectsOnlyItsOwnPods() {
        Path secrets = TestRenders.evaluationSecrets();
        Path evaluation = TestRenders.CHART.resolve("values-evaluation.yaml");
        String first = TestRenders.renderer().template(List.of(evaluation, secrets));
        String second = TestRenders.renderer().template("blue", List.of(evaluation, secrets,
                TestRenders.valuesFile("fullname-blue", "fullnameOverride: blue\npublicUrl: https://blue.example.com\n")));

        Set<String> firstIds = ids(first);
        Set<String> clashes = new HashSet<>(ids(second));
        clashes.retainAll(firstIds);
        assertEquals(Set.of(), clashes, "objects both releases would create");
        // One stream: every Service must select exactly one workload, every reference resolve, across both releases.
        assertEquals(List.of(), StrictValidator.validate(first + "\n---\n" + second), "both releases in one namespace");
    }

    @Test
    void templateWhenFullnameOverrideThenEveryNameAndSiblingUrlCarriesThePrefix() {
        Manifests manifests = StrictValidator.parse(TestRenders.renderer().template("blue",
                List.of(TestRenders.valuesFile("fullname-blue-defaults", "fullnameOverride: blue\n"))));
        for (HasMetadata object : manifests.objects()) {
            assertTrue(object.getMetadata().getName().startsWith("blue-") || object.getMetadata().getName().equals("blue"),
                    object.getKind() + "/" + object.getMetadata().getName());
        }
        Map<String, String> resource = manifests.get(ConfigMap.class, "blue-resource-service").getData();
        assertEquals("http://blue-token-service:8083", resource.get("QUARKUS_REST_CLIENT_TOKEN_URL"));
        assertEquals("http://blue-token-service:8083", resource.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals("http://blue-registration-service:8081", resource.get("QUARKUS_REST_CLIENT_REGISTRATION_URL"));
        // The container keeps the service's own name; the Secret follows the object name.
        Deployment token = manifests.get(Deployment.class, "blue-token-service");
        assertEquals("token-service", token.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
        assertEquals("blue", token.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/instance"));
        assertTrue(token.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .allMatch(e -> Set.of("blue-token-service", "blue-service-auth").contains(e.getValueFrom().getSecretKeyRef().getName())));
    }

    @Test
    void templateWhenNameOverrideThenNamesArePrefixedWithReleaseAndName() {
        Manifests manifests = StrictValidator.parse(TestRenders.renderer().template("blue",
                List.of(TestRenders.valuesFile("name-override-auth", "nameOverride: auth\n"))));
        manifests.get(Deployment.class, "blue-auth-token-service");
        assertEquals("http://blue-auth-authorization-service:8082",
                manifests.get(ConfigMap.class, "blue-auth-token-service").getData().get("QUARKUS_REST_CLIENT_AUTHORIZATION_URL"));
    }

    private static Set<String> ids(String yaml) {
        return StrictValidator.parse(yaml).objects().stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
    }
}
