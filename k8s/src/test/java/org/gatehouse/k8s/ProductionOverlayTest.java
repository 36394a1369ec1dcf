package org.gatehouse.k8s;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two production install paths deploy the same thing: {@code kubectl apply -k k8s/overlays/production}
 * renders the objects {@code helm install -f values-production.yaml} does. Differences allowed: the overlay
 * sets the namespace (Helm takes it from --namespace) and adds the Namespace object, and the pods'
 * checksum/config annotation (Helm's trigger to roll pods on a ConfigMap change; with kustomize,
 * `kubectl rollout restart` does it), and the {@code helm test} hooks, which only Helm runs.
 */
class ProductionOverlayTest {

    @Test
    void kustomizeWhenProductionOverlayThenSameObjectsAsHelmWithProductionValues() {
        Map<String, Object> helm = normalized(TestRenders.yaml(TestRenders.Source.PRODUCTION));
        Map<String, Object> kustomize = normalized(TestRenders.yaml(TestRenders.Source.KUSTOMIZE_PRODUCTION));
        assertEquals(helm.keySet(), kustomize.keySet(), "the same objects");
        List<String> differing = new ArrayList<>();
        helm.forEach((id, object) -> {
            if (!object.equals(kustomize.get(id))) {
                differing.add(id + "\n  helm:      " + object + "\n  kustomize: " + kustomize.get(id));
            }
        });
        assertEquals(List.of(), differing, "k8s/overlays/production and values-production.yaml disagree");
    }

    @Test
    void kustomizeWhenProductionOverlayThenEverythingLandsInTheGatehouseNamespace() {
        StrictValidator.parse(TestRenders.yaml(TestRenders.Source.KUSTOMIZE_PRODUCTION)).objects().stream()
                .filter(o -> !o.getKind().equals("Namespace"))
                .forEach(o -> assertEquals("gatehouse", o.getMetadata().getNamespace(), o.getKind() + "/" + o.getMetadata().getName()));
    }

    /** kind/name → the document, without namespace and checksum annotations; the Namespace object dropped. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalized(String yaml) {
        Map<String, Object> byId = new TreeMap<>();
        for (Map<String, Object> document : StrictValidator.parse(yaml).documents()) {
            Map<String, Object> metadata = (Map<String, Object>) document.get("metadata");
            if (document.get("kind").equals("Namespace")
                    || metadata.get("annotations") instanceof Map<?, ?> annotations && annotations.containsKey("helm.sh/hook")) {
                continue;
            }
            metadata.remove("namespace");
            if (document.get("spec") instanceof Map<?, ?> spec && spec.get("template") instanceof Map<?, ?> template
                    && template.get("metadata") instanceof Map<?, ?> templateMetadata
                    && templateMetadata.get("annotations") instanceof Map<?, ?> annotations) {
                annotations.remove("checksum/config");
            }
            byId.put(document.get("kind") + "/" + metadata.get("name"), document);
        }
        return byId;
    }
}
