package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every object of every render (chart with each values file, the committed kustomize base, the production
 * overlay) passes {@link StrictValidator}, carries the platform's labels, and the set holds what the values ask for.
 */
class RenderedManifestsValidationTest {

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenEveryObjectIsStrictlyValid(TestRenders.Source source) {
        List<String> problems = StrictValidator.validate(TestRenders.yaml(source));
        assertEquals(List.of(), problems, source + " has invalid objects");
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenEveryObjectCarriesThePlatformLabels(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        manifests.objects().stream()
                .filter(o -> !o.getKind().equals("Namespace"))
                .forEach(object -> {
                    Map<String, String> labels = object.getMetadata().getLabels();
                    String id = source + " " + object.getKind() + "/" + object.getMetadata().getName();
                    for (String key : List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of",
                            "app.kubernetes.io/component", "app.kubernetes.io/version")) {
                        assertTrue(labels != null && labels.containsKey(key), id + " lacks label " + key);
                    }
                    assertEquals("gatehouse", labels.get("app.kubernetes.io/part-of"), id);
                });
    }

    @ParameterizedTest
    @EnumSource(TestRenders.Source.class)
    void renderWhenAnySourceThenEachServiceHasItsObjects(TestRenders.Source source) {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(source));
        boolean evaluation = source == TestRenders.Source.EVALUATION;
        for (String service : TestContract.SERVICES.keySet()) {
            manifests.get(Deployment.class, service);
            manifests.get(Service.class, service);
            manifests.get(ConfigMap.class, service);
            manifests.get(ServiceAccount.class, service);
            manifests.get(NetworkPolicy.class, service);
            assertEquals(!evaluation, manifests.find(HorizontalPodAutoscaler.class, service).isPresent(), source + " HPA " + service);
            assertEquals(!evaluation, manifests.find(PodDisruptionBudget.class, service).isPresent(), source + " PDB " + service);
            assertEquals(source == TestRenders.Source.MONITORING, manifests.find(ServiceMonitor.class, service).isPresent(),
                    source + " ServiceMonitor " + service);
        }
        manifests.get(Ingress.class, "gatehouse");
        manifests.get(NetworkPolicy.class, "gatehouse-default-deny");
        // Secrets and the database exist only in the evaluation install; production references Secrets made beforehand.
        assertEquals(evaluation ? 6 : 0, manifests.all(Secret.class).size(), source + " Secrets");
        assertEquals(evaluation ? 1 : 0, manifests.all(StatefulSet.class).size(), source + " StatefulSets");
    }
}
