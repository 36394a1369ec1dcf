package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rendered set of manifests: the raw documents (as YAML maps), the objects strictly deserialized from them,
 * and every problem strict parsing found. Built by {@link StrictValidator#parse(String)}.
 */
record Manifests(List<Map<String, Object>> documents, List<HasMetadata> objects, List<String> problems) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }
}
