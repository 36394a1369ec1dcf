package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A container's environment as the kubelet would build it from a rendered set (ConfigMaps, Secrets). */
final class TestEnvironment {

    private TestEnvironment() {
    }

    static Map<String, String> of(Manifests manifests, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            environment.putAll(manifests.get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        }
        for (EnvVar env : container.getEnv()) {
            environment.put(env.getName(), resolve(manifests, env));
        }
        return environment;
    }

    static String resolve(Manifests manifests, EnvVar env) {
        if (env.getValueFrom() == null) {
            return env.getValue();
        }
        var secretRef = env.getValueFrom().getSecretKeyRef();
        if (secretRef != null) {
            String encoded = manifests.get(Secret.class, secretRef.getName()).getData().get(secretRef.getKey());
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        var configRef = env.getValueFrom().getConfigMapKeyRef();
        if (configRef != null) {
            return manifests.get(ConfigMap.class, configRef.getName()).getData().get(configRef.getKey());
        }
        throw new IllegalStateException("unsupported valueFrom for " + env.getName());
    }
}
