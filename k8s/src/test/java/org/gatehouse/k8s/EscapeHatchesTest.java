package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The values a platform team sets instead of forking the chart (extra env, volumes, sidecars, lifecycle, identity
 * annotations, security contexts, images): each one rendered, strictly validated, and found where it belongs.
 */
class EscapeHatchesTest {

    @Test
    void templateWhenExtraEnvThenValuesAndSecretAndConfigMapRefsFollowTheChartsVariables() {
        Manifests manifests = render("extra-env", """
                workload:
                  extraEnv:
                    - name: HTTPS_PROXY
                      value: http://proxy.example.internal:3128
                    - name: PROXY_PASSWORD
                      valueFrom:
                        secretKeyRef: {name: egress-proxy, key: password}
                    - name: QUARKUS_LOG_CATEGORY__ORG_GATEHOUSE__LEVEL
                      valueFrom:
                        configMapKeyRef: {name: gatehouse-tuning, key: log-level}
                """);
        for (String service : TestContract.SERVICES.keySet()) {
            List<EnvVar> env = container(manifests, service).getEnv();
            List<EnvVar> last = env.subList(env.size() - 3, env.size());
            assertEquals("http://proxy.example.internal:3128", last.get(0).getValue(), service);
            assertEquals("egress-proxy", last.get(1).getValueFrom().getSecretKeyRef().getName(), service);
            assertEquals("gatehouse-tuning", last.get(2).getValueFrom().getConfigMapKeyRef().getName(), service);
            assertTrue(env.stream().anyMatch(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD")), service + " keeps its own");
        }
    }

    @Test
    void templateWhenServiceHasItsOwnExtraEnvThenItReplacesTheSharedListForThatServiceOnly() {
        Manifests manifests = render("extra-env-per-service", """
                workload:
                  extraEnv: [{name: SHARED, value: "1"}]
                services:
                  token-service:
                    workload:
                      extraEnv: [{name: TOKEN_ONLY, value: "1"}]
                """);
        assertTrue(names(container(manifests, "token-service")).contains("TOKEN_ONLY"));
        assertTrue(!names(container(manifests, "token-service")).contains("SHARED"));
        assertTrue(names(container(manifests, "resource-service")).contains("SHARED"));
    }

    @Test
    void templateWhenExtraEnvNamesAVariableFromTheServicesSecretThenHelmRefuses() {
        Path file = TestRenders.valuesFile("extra-env-secret-clash",
                "workload:\n  extraEnv: [{name: QUARKUS_DATASOURCE_PASSWORD, value: plain}]\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("QUARKUS_DATASOURCE_PASSWORD comes from the service's Secret"), refused.getMessage());
    }

    @Test
    void templateWhenExtraEnvFromThenItIsReadAfterTheServicesConfigMap() {
        Manifests manifests = render("extra-env-from", """
                workload:
                  extraEnvFrom:
                    - secretRef: {name: vault-injected}
                    - configMapRef: {name: site-settings, optional: true}
                """);
        var envFrom = container(manifests, "authorization-service").getEnvFrom();
        assertEquals("authorization-service", envFrom.get(0).getConfigMapRef().getName());
        assertEquals("vault-injected", envFrom.get(1).getSecretRef().getName());
        assertEquals("site-settings", envFrom.get(2).getConfigMapRef().getName());
    }

    @Test
    void templateWhenExtraVolumesAndMountsThenTheServiceContainerMountsThem() {
        Manifests manifests = render("extra-volumes", """
                workload:
                  extraVolumes:
                    - name: secrets-store
                      csi:
                        driver: secrets-store.csi.k8s.io
                        readOnly: true
                        volumeAttributes: {secretProviderClass: gatehouse}
                  extraVolumeMounts:
                    - name: secrets-store
                      mountPath: /mnt/secrets-store
                      readOnly: true
                """);
        for (String service : TestContract.SERVICES.keySet()) {
            PodSpec pod = pod(manifests, service);
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("secrets-store")
                    && "secrets-store.csi.k8s.io".equals(v.getCsi().getDriver())), service);
            assertTrue(container(manifests, service).getVolumeMounts().stream().anyMatch(m -> m.getName().equals("secrets-store")
                    && m.getMountPath().equals("/mnt/secrets-store")), service);
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("tmp")), service + " keeps /tmp");
        }
    }

    @Test
    void templateWhenExtraContainersAndInitContainersThenSidecarFollowsTheServiceContainer() {
        Manifests manifests = render("sidecars", """
                workload:
                  initContainers:
                    - name: wait-for-vault
                      image: registry.example.com/vault-init:1.0
                      command: [sh, -c, "until [ -f /vault/ready ]; do sleep 1; done"]
                      securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                  extraContainers:
                    - name: cloud-sql-proxy
                      image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1
                      args: [--port=5432, --health-check, --http-address=0.0.0.0, "project:region:instance"]
                      ports: [{name: proxy-health, containerPort: 9090}]
                      startupProbe: {httpGet: {path: /startup, port: proxy-health}}
                      readinessProbe: {httpGet: {path: /readiness, port: proxy-health}}
                      livenessProbe: {httpGet: {path: /liveness, port: proxy-health}}
                      resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
                      securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                """);
        PodSpec pod = pod(manifests, "token-service");
        assertEquals(List.of("token-service", "cloud-sql-proxy"), pod.getContainers().stream().map(Container::getName).toList());
        assertEquals(List.of("wait-for-vault"), pod.getInitContainers().stream().map(Container::getName).toList());
    }

    @Test
    void templateWhenLifecycleThenTheServiceContainerHasIt() {
        Manifests manifests = render("lifecycle", """
                workload:
                  lifecycle:
                    postStart:
                      exec: {command: [sh, -c, "echo started > /tmp/started"]}
                """);
        assertEquals(List.of("sh", "-c", "echo started > /tmp/started"),
                container(manifests, "registration-service").getLifecycle().getPostStart().getExec().getCommand());
    }

    @Test
    void templateWhenServiceAccountAnnotationsThenEachServiceAccountCarriesItsOwn() {
        Manifests manifests = render("service-account-annotations", """
                workload:
                  serviceAccount:
                    annotations: {iam.gke.io/gcp-service-account: gatehouse@project.iam.gserviceaccount.com}
                services:
                  token-service:
                    workload:
                      serviceAccount:
                        annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/gatehouse-token"}
                """);
        assertEquals(Map.of("iam.gke.io/gcp-service-account", "gatehouse@project.iam.gserviceaccount.com",
                        "eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/gatehouse-token"),
                manifests.get(ServiceAccount.class, "token-service").getMetadata().getAnnotations(), "maps merge");
        assertEquals(Map.of("iam.gke.io/gcp-service-account", "gatehouse@project.iam.gserviceaccount.com"),
                manifests.get(ServiceAccount.class, "resource-service").getMetadata().getAnnotations());
        assertEquals(Boolean.FALSE, manifests.get(ServiceAccount.class, "resource-service").getAutomountServiceAccountToken());
    }

    @Test
    void templateWhenOpenShiftValuesThenNoUidIsSetAndTheRestrictedProfileStays() {
        Manifests manifests = manifests(TestRenders.renderer().template(List.of(TestRenders.CHART.resolve("values-openshift.yaml"))));
        for (String service : TestContract.SERVICES.keySet()) {
            PodSecurityContext pod = pod(manifests, service).getSecurityContext();
            assertNull(pod.getRunAsUser(), service);
            assertNull(pod.getRunAsGroup(), service);
            assertNull(pod.getFsGroup(), service);
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), service);
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), service);
            SecurityContext container = container(manifests, service).getSecurityContext();
            assertNull(container.getRunAsUser(), service);
            assertEquals(Boolean.TRUE, container.getRunAsNonRoot(), service);
            assertEquals(Boolean.FALSE, container.getAllowPrivilegeEscalation(), service);
            assertEquals(Boolean.TRUE, container.getReadOnlyRootFilesystem(), service);
            assertEquals(List.of("ALL"), container.getCapabilities().getDrop(), service);
        }
    }

    @Test
    void templateWhenSecurityContextOverriddenThenTheGivenKeysChangeAndTheOthersStay() {
        Manifests manifests = render("security-context", """
                workload:
                  podSecurityContext: {runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, supplementalGroups: [2000]}
                  containerSecurityContext: {runAsUser: 1001}
                """);
        PodSecurityContext pod = pod(manifests, "token-service").getSecurityContext();
        assertEquals(1001L, pod.getRunAsUser());
        assertEquals(List.of(2000L), pod.getSupplementalGroups());
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
        assertEquals(1001L, container(manifests, "token-service").getSecurityContext().getRunAsUser());
        assertEquals(Boolean.TRUE, container(manifests, "token-service").getSecurityContext().getReadOnlyRootFilesystem());
    }

    @Test
    void templateWhenServiceImageHasDigestThenTheImageIsPinnedByContent() {
        String digest = "sha256:" + "ab".repeat(32);
        Manifests manifests = render("image-digest", """
                image: {repository: registry.example.com/gatehouse, tag: "0.1.0"}
                services:
                  token-service:
                    image: {digest: %s}
                  resource-service:
                    image: {repository: mirror.example.com/gh/resource, tag: 0.1.1}
                """.formatted(digest));
        assertEquals("registry.example.com/gatehouse/token-service@" + digest, container(manifests, "token-service").getImage());
        assertEquals("mirror.example.com/gh/resource:0.1.1", container(manifests, "resource-service").getImage());
        assertEquals("0.1.1", manifests.get(Deployment.class, "resource-service").getSpec().getTemplate().getMetadata()
                .getLabels().get("app.kubernetes.io/version"), "the version label follows the service's tag");
        assertEquals("registry.example.com/gatehouse/registration-service:0.1.0", container(manifests, "registration-service").getImage());
    }

    @Test
    void templateWhenImageDigestIsNotASha256ThenHelmRefuses() {
        Path file = TestRenders.valuesFile("image-digest-wrong", "services:\n  token-service:\n    image: {digest: latest}\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("digest"), refused.getMessage());
    }

    /** The chart with these values over its defaults, which must pass {@link StrictValidator}. */
    static Manifests render(String name, String values) {
        return manifests(TestRenders.renderer().template(List.of(TestRenders.valuesFile(name, values))));
    }

    static Manifests manifests(String yaml) {
        assertEquals(List.of(), StrictValidator.validate(yaml), "strictly valid");
        return StrictValidator.parse(yaml);
    }

    private static PodSpec pod(Manifests manifests, String service) {
        return manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec();
    }

    private static Container container(Manifests manifests, String service) {
        return pod(manifests, service).getContainers().get(0);
    }

    private static List<String> names(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }
}
