package org.gatehouse.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validates rendered manifests as strictly as an API server with {@code --validate=strict} would, offline:
 * <ul>
 *   <li>every document is a kind Kubernetes {@value #KUBE} serves at that apiVersion (or the Prometheus
 *       Operator's ServiceMonitor and PrometheusRule, or the Gateway API's HTTPRoute) and deserializes into its fabric8 model class: an unknown kind stays a
 *       GenericKubernetesResource and fails;</li>
 *   <li>no field is unknown or misspelled: fabric8 keeps those in {@code additionalProperties}, which is
 *       walked reflectively through the whole object graph and must be empty everywhere;</li>
 *   <li>no scalar has the wrong type: Jackson's scalar coercions (number → string, "8081" → int, "true" →
 *       boolean) are turned off, so {@code value: 8081} in an env var or ConfigMap fails as the API server
 *       would refuse it;</li>
 *   <li>the fields the API server requires are present (names, images, ports, probe handlers, selectors,
 *       backends...), plus what this platform requires of every container: ports and the three probes;</li>
 *   <li>references resolve inside the rendered set: ConfigMaps, ServiceAccounts, volumes, Services and ports
 *       of Ingress backends, HPA targets, selectors matching a workload.</li>
 * </ul>
 */
final class StrictValidator {

    static final String KUBE = "1.31";

    /** kind → the apiVersion Kubernetes 1.31 serves it at (deprecated versions fabric8 still models fail). */
    private static final Map<String, String> SERVED = Map.ofEntries(
            Map.entry("Namespace", "v1"),
            Map.entry("Pod", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("StatefulSet", "apps/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"),
            Map.entry("PrometheusRule", "monitoring.coreos.com/v1"),
            Map.entry("HTTPRoute", "gateway.networking.k8s.io/v1"));

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(strictMapper(), true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictValidator() {
    }

    /** A mapper that refuses every scalar coercion Jackson would otherwise apply silently. */
    static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** Parses a YAML stream and validates every object alone (schema, strictness, required fields). */
    static Manifests parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                problems.add("document is not an object: " + document);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) map;
            documents.add(raw);
            String id = raw.get("kind") + "/" + nameOf(raw);
            Object kind = raw.get("kind");
            Object apiVersion = raw.get("apiVersion");
            if (!SERVED.containsKey(String.valueOf(kind))) {
                problems.add(id + ": kind " + kind + " is not one this platform deploys");
                continue;
            }
            if (!SERVED.get(kind.toString()).equals(apiVersion)) {
                problems.add(id + ": apiVersion " + apiVersion + " is not served by Kubernetes " + KUBE
                        + " for " + kind + " (use " + SERVED.get(kind.toString()) + ")");
                continue;
            }
            KubernetesResource resource;
            try {
                resource = SERIALIZATION.unmarshal(JSON.writeValueAsString(raw));
            } catch (Exception e) {
                problems.add(id + ": does not deserialize strictly: " + rootMessage(e));
                continue;
            }
            if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata object)) {
                problems.add(id + ": unknown kind " + apiVersion + " " + kind);
                continue;
            }
            unknownFields(object, id, problems, new HashSet<>());
            try {
                roundTrip(JSON.valueToTree(raw), JSON.readTree(SERIALIZATION.asJson(object)), id, problems);
            } catch (java.io.IOException e) {
                problems.add(id + ": does not serialize back: " + e.getMessage());
            }
            requiredFields(object, id, problems);
            objects.add(object);
        }
        return new Manifests(List.copyOf(documents), List.copyOf(objects), List.copyOf(problems));
    }

    /** {@link #parse} plus the references between the objects of the set. */
    static List<String> validate(String yaml) {
        Manifests manifests = parse(yaml);
        List<String> problems = new ArrayList<>(manifests.problems());
        problems.addAll(references(manifests));
        return problems;
    }

    private static Object nameOf(Map<String, Object> raw) {
        return raw.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
    }

    /** Every non-empty additionalProperties map anywhere in the object graph is a field the schema lacks. */
    private static void unknownFields(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || !seen.add(new Identity(node))) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value;
                try {
                    field.setAccessible(true);
                    value = field.get(node);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    problems.add(path + ": cannot inspect " + field.getName() + ": " + e);
                    continue;
                }
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else if (!(node instanceof IntOrString)) {
                    unknownFields(value, path + "." + jsonName(field), problems, seen);
                }
            }
        }
    }

    /**
     * The typed object, written back, must be the document it was read from: a field the model dropped or
     * added, or a scalar Jackson coerced ("8080" read into an int field), shows up as a difference. A number
     * written back as the same text is accepted: that is a Quantity (cpu: 1), which Kubernetes reads either way.
     */
    private static void roundTrip(JsonNode raw, JsonNode typed, String path, List<String> problems) {
        if (raw.isObject()) {
            if (!typed.isObject()) {
                problems.add(path + ": expected an object, the model holds " + typed.getNodeType());
                return;
            }
            raw.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    JsonNode back = typed.get(field.getKey());
                    if (back == null) {
                        problems.add(path + "." + field.getKey() + ": dropped by the model (wrong type or unknown field)");
                    } else {
                        roundTrip(field.getValue(), back, path + "." + field.getKey(), problems);
                    }
                }
            });
            typed.fieldNames().forEachRemaining(name -> {
                // fabric8 fills apiVersion/kind of embedded objects (volumeClaimTemplates): its defaults, not ours.
                boolean embeddedTypeMeta = name.equals("apiVersion") || name.equals("kind");
                if ((!raw.has(name) || raw.get(name).isNull()) && !embeddedTypeMeta) {
                    problems.add(path + "." + name + ": added by the model");
                }
            });
        } else if (raw.isArray()) {
            if (!typed.isArray() || typed.size() != raw.size()) {
                problems.add(path + ": list changed by the model");
                return;
            }
            for (int i = 0; i < raw.size(); i++) {
                roundTrip(raw.get(i), typed.get(i), path + "[" + i + "]", problems);
            }
        } else if (raw.isTextual()) {
            if (!typed.isTextual() || !typed.asText().equals(raw.asText())) {
                problems.add(path + ": wrong type, the string \"" + raw.asText() + "\" was read as " + typed.getNodeType() + " " + typed);
            }
        } else if (raw.isNumber()) {
            boolean same = typed.isNumber() ? typed.decimalValue().compareTo(raw.decimalValue()) == 0
                    : typed.isTextual() && typed.asText().equals(raw.asText());
            if (!same) {
                problems.add(path + ": wrong type, the number " + raw + " was read as " + typed.getNodeType() + " " + typed);
            }
        } else if (raw.isBoolean() && !(typed.isBoolean() && typed.booleanValue() == raw.booleanValue())) {
            problems.add(path + ": wrong type, the boolean " + raw + " was read as " + typed.getNodeType() + " " + typed);
        }
    }

    private static String jsonName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? field.getName() : property.value();
    }

    private record Identity(Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    // ---------------------------------------------------------------------------------------- required fields

    private static void requiredFields(HasMetadata object, String id, List<String> problems) {
        Check check = new Check(id, problems);
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        check.that(name != null && DNS_SUBDOMAIN.matcher(name).matches() && name.length() <= 253,
                "metadata.name missing or not a DNS subdomain: " + name);
        if (object.getMetadata() != null && object.getMetadata().getLabels() != null) {
            object.getMetadata().getLabels().forEach((key, value) -> check.that(
                    value != null && value.length() <= 63 && LABEL_VALUE.matcher(value).matches(),
                    "label " + key + " has an invalid value: " + value));
        }
        if (object instanceof Deployment deployment) {
            check.that(deployment.getSpec() != null, "spec missing");
            check.selector(deployment.getSpec().getSelector(), "spec.selector");
            check.templateMatches(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate());
            podSpec(deployment.getSpec().getTemplate(), check, true);
        } else if (object instanceof StatefulSet statefulSet) {
            check.selector(statefulSet.getSpec().getSelector(), "spec.selector");
            check.templateMatches(statefulSet.getSpec().getSelector(), statefulSet.getSpec().getTemplate());
            check.that(statefulSet.getSpec().getServiceName() != null, "spec.serviceName missing");
            podSpec(statefulSet.getSpec().getTemplate(), check, false);
            Set<String> volumes = new HashSet<>();
            statefulSet.getSpec().getVolumeClaimTemplates().forEach(c -> volumes.add(c.getMetadata().getName()));
            statefulSet.getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.add(v.getName()));
            statefulSet.getSpec().getTemplate().getSpec().getContainers().forEach(c -> c.getVolumeMounts()
                    .forEach(m -> check.that(volumes.contains(m.getName()), "volumeMount " + m.getName() + " has no volume")));
        } else if (object instanceof Service service) {
            check.that(service.getSpec() != null && !service.getSpec().getPorts().isEmpty(), "spec.ports missing");
            check.that(name != null && DNS_LABEL.matcher(name).matches() && name.length() <= 63,
                    "a Service name must be a DNS label (RFC 1035): " + name);
            check.that(!service.getSpec().getSelector().isEmpty(), "spec.selector missing");
            for (ServicePort port : service.getSpec().getPorts()) {
                check.that(port.getPort() != null && port.getPort() > 0 && port.getPort() < 65536, "port out of range");
                check.that(port.getName() != null, "Service ports are named (probes and backends refer to them)");
            }
        } else if (object instanceof Ingress ingress) {
            check.that(ingress.getSpec() != null && !ingress.getSpec().getRules().isEmpty(), "spec.rules missing");
            for (IngressRule rule : ingress.getSpec().getRules()) {
                check.that(rule.getHttp() != null && !rule.getHttp().getPaths().isEmpty(), "rule without http paths");
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    check.that(path.getPath() != null && path.getPath().startsWith("/"), "path must be absolute: " + path.getPath());
                    check.that(Set.of("Exact", "Prefix", "ImplementationSpecific").contains(path.getPathType()),
                            "pathType missing or invalid: " + path.getPathType());
                    check.that(path.getBackend() != null && path.getBackend().getService() != null
                                    && path.getBackend().getService().getName() != null
                                    && path.getBackend().getService().getPort() != null
                                    && (path.getBackend().getService().getPort().getName() != null
                                    || path.getBackend().getService().getPort().getNumber() != null),
                            "backend service name/port missing for " + path.getPath());
                }
            }
        } else if (object instanceof HorizontalPodAutoscaler hpa) {
            check.that(hpa.getSpec().getScaleTargetRef() != null && hpa.getSpec().getScaleTargetRef().getName() != null
                    && hpa.getSpec().getScaleTargetRef().getKind() != null, "spec.scaleTargetRef missing");
            check.that(hpa.getSpec().getMaxReplicas() != null && hpa.getSpec().getMaxReplicas() >= 1, "spec.maxReplicas missing");
            check.that(hpa.getSpec().getMinReplicas() == null || hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(),
                    "minReplicas > maxReplicas");
        } else if (object instanceof PodDisruptionBudget pdb) {
            check.selector(pdb.getSpec().getSelector(), "spec.selector");
            check.that((pdb.getSpec().getMinAvailable() == null) != (pdb.getSpec().getMaxUnavailable() == null),
                    "exactly one of minAvailable / maxUnavailable");
        } else if (object instanceof NetworkPolicy policy) {
            check.that(policy.getSpec() != null && policy.getSpec().getPodSelector() != null,
                    "spec.podSelector missing (use {} for every pod)");
        } else if (object instanceof ConfigMap configMap) {
            configMap.getData().forEach((key, value) -> {
                check.that(value != null, "data." + key + " is null");
                check.that(key.matches("[-._a-zA-Z0-9]+"), "invalid key " + key);
            });
        } else if (object instanceof Secret secret) {
            check.that(secret.getData() != null || secret.getStringData() != null, "Secret without data");
        } else if (object instanceof Pod pod) {
            // A bare Pod only as a `helm test` hook: it runs once to completion, restricted like the services.
            var annotations = pod.getMetadata().getAnnotations();
            check.that(annotations != null && "test".equals(annotations.get("helm.sh/hook")), "a bare Pod that is not a helm test hook");
            check.that("Never".equals(pod.getSpec().getRestartPolicy()), "a test Pod must not restart");
            check.that(pod.getSpec().getSecurityContext() != null && Boolean.TRUE.equals(pod.getSpec().getSecurityContext().getRunAsNonRoot())
                    && pod.getSpec().getSecurityContext().getSeccompProfile() != null, "test Pod not non-root with a seccomp profile");
            for (Container container : pod.getSpec().getContainers()) {
                var security = container.getSecurityContext();
                check.that(container.getImage() != null && !container.getImage().isBlank(), container.getName() + ": image missing");
                check.that(security != null && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                        && security.getCapabilities() != null && security.getCapabilities().getDrop().contains("ALL"),
                        container.getName() + ": not restricted (allowPrivilegeEscalation false, drop ALL)");
                check.that(container.getResources() != null && container.getResources().getLimits() != null,
                        container.getName() + ": resources limits missing");
            }
        } else if (object instanceof HTTPRoute route) {
            httpRoute(route, check);
        } else if (object instanceof ServiceMonitor monitor) {
            check.that(monitor.getSpec() != null && !monitor.getSpec().getEndpoints().isEmpty(), "spec.endpoints missing");
        } else if (object instanceof PrometheusRule rule) {
            prometheusRule(rule, check);
        } else if (!(object instanceof ServiceAccount) && !(object instanceof Namespace)) {
            check.that(false, "no validation rules for " + object.getKind());
        }
    }

    /**
     * What the Prometheus Operator's CRD and Prometheus' rule loader refuse: no groups or rules, a group name twice, a
     * rule that is neither exactly one alert nor one record, an invalid name, a bad {@code for} duration, and (short of
     * promtool) an expression {@link PromQl} finds malformed.
     */
    private static void prometheusRule(PrometheusRule rule, Check check) {
        check.that(rule.getSpec() != null && !rule.getSpec().getGroups().isEmpty(), "spec.groups missing");
        Set<String> groups = new HashSet<>();
        for (RuleGroup group : rule.getSpec().getGroups()) {
            check.that(group.getName() != null && groups.add(group.getName()), "group name missing or repeated: " + group.getName());
            check.that(!group.getRules().isEmpty(), "group " + group.getName() + " has no rules");
            for (Rule each : group.getRules()) {
                String name = each.getAlert() != null ? each.getAlert() : each.getRecord();
                check.that((each.getAlert() == null) != (each.getRecord() == null), name + ": exactly one of alert / record");
                check.that(name != null && name.matches(each.getAlert() != null ? "[A-Za-z][A-Za-z0-9_]*"
                        : "[a-zA-Z_:][a-zA-Z0-9_:]*"), "invalid rule name " + name);
                check.that(each.getFor() == null || each.getFor().matches("([0-9]+(ms|s|m|h|d|w|y))+"), name + ": for " + each.getFor());
                check.that(each.getExpr() != null && each.getExpr().getStrVal() != null, name + ": expr missing");
                if (each.getExpr() != null && each.getExpr().getStrVal() != null) {
                    PromQl.problems(each.getExpr().getStrVal()).forEach(problem -> check.that(false, name + ": " + problem));
                }
            }
        }
    }

    /**
     * What the Gateway API CRD (gateway.networking.k8s.io_httproutes.yaml, v1) validates that the fabric8 model does
     * not: at least one parent, at most 16 hostnames (RFC 1123, no IPs), 16 rules, 64 matches per rule and 128 in all,
     * absolute path values, backends named with a port.
     */
    private static void httpRoute(HTTPRoute route, Check check) {
        var spec = route.getSpec();
        check.that(spec != null && !spec.getParentRefs().isEmpty(), "spec.parentRefs missing");
        spec.getParentRefs().forEach(parent -> check.that(parent.getName() != null && !parent.getName().isEmpty(), "parentRef without name"));
        check.that(spec.getHostnames().size() <= 16, "more than 16 hostnames");
        spec.getHostnames().forEach(host -> check.that(host.matches("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
                && !host.matches("[0-9.]+"), "hostname not an RFC 1123 host name: " + host));
        check.that(!spec.getRules().isEmpty() && spec.getRules().size() <= 16, "1 to 16 rules");
        int matches = 0;
        for (HTTPRouteRule rule : spec.getRules()) {
            check.that(rule.getMatches().size() <= 64, "more than 64 matches in a rule");
            matches += rule.getMatches().size();
            for (HTTPRouteMatch match : rule.getMatches()) {
                check.that(match.getPath() != null && Set.of("Exact", "PathPrefix", "RegularExpression").contains(match.getPath().getType()),
                        "path match type missing or invalid");
                String value = match.getPath() == null ? null : match.getPath().getValue();
                check.that(value != null && value.startsWith("/") && !value.contains("//") && !value.contains("/./")
                        && !value.contains("/../") && !value.endsWith("/.") && !value.endsWith("/.."), "invalid path " + value);
            }
            check.that(!rule.getBackendRefs().isEmpty(), "rule without backendRefs");
            for (HTTPBackendRef backend : rule.getBackendRefs()) {
                check.that(backend.getName() != null && backend.getPort() != null, "backendRef needs name and port");
            }
        }
        check.that(matches <= 128, "more than 128 matches in the route");
    }

    private static void podSpec(PodTemplateSpec template, Check check, boolean httpService) {
        check.that(template != null && template.getSpec() != null, "spec.template.spec missing");
        PodSpec pod = template.getSpec();
        check.that(!pod.getContainers().isEmpty(), "no containers");
        Set<String> volumes = new HashSet<>();
        for (Volume volume : pod.getVolumes()) {
            check.that(volumes.add(volume.getName()), "duplicate volume " + volume.getName());
        }
        for (Container container : pod.getContainers()) {
            String at = "container " + container.getName() + ": ";
            check.that(container.getName() != null && DNS_LABEL.matcher(container.getName()).matches(), at + "name missing");
            check.that(container.getImage() != null && !container.getImage().isBlank(), at + "image missing");
            check.that(!container.getPorts().isEmpty(), at + "ports missing");
            container.getPorts().forEach(p -> check.that(p.getContainerPort() != null, at + "containerPort missing"));
            check.probe(container.getStartupProbe(), at + "startupProbe", container);
            check.probe(container.getReadinessProbe(), at + "readinessProbe", container);
            check.probe(container.getLivenessProbe(), at + "livenessProbe", container);
            if (httpService) {
                for (Probe probe : java.util.Arrays.asList(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                    check.that(probe == null || probe.getHttpGet() != null, at + "HTTP services are probed over HTTP");
                }
            }
            Set<String> names = new HashSet<>();
            for (EnvVar env : container.getEnv()) {
                check.that(env.getName() != null && ENV_NAME.matcher(env.getName()).matches(), at + "invalid env name " + env.getName());
                check.that(names.add(env.getName()), at + "env " + env.getName() + " set twice");
                check.that((env.getValue() != null) != (env.getValueFrom() != null), at + "env " + env.getName()
                        + " needs exactly one of value / valueFrom");
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    check.that(env.getValueFrom().getSecretKeyRef().getName() != null
                            && env.getValueFrom().getSecretKeyRef().getKey() != null, at + "secretKeyRef needs name and key");
                }
            }
            for (EnvFromSource from : container.getEnvFrom()) {
                check.that((from.getConfigMapRef() != null && from.getConfigMapRef().getName() != null)
                        || (from.getSecretRef() != null && from.getSecretRef().getName() != null), at + "envFrom without a name");
            }
            for (VolumeMount mount : container.getVolumeMounts()) {
                check.that(mount.getMountPath() != null && mount.getMountPath().startsWith("/"), at + "mountPath missing");
                check.that(volumes.contains(mount.getName()) || !httpService, at + "volumeMount " + mount.getName() + " has no volume");
            }
            check.that(container.getResources() != null && container.getResources().getRequests() != null
                    && container.getResources().getLimits() != null, at + "resources requests/limits missing");
        }
    }

    /** Collects failures for one object. */
    private record Check(String id, List<String> problems) {
        void that(boolean condition, String problem) {
            if (!condition) {
                problems.add(id + ": " + problem);
            }
        }

        void selector(LabelSelector selector, String field) {
            that(selector != null && (!selector.getMatchLabels().isEmpty() || !selector.getMatchExpressions().isEmpty()),
                    field + " missing or empty");
        }

        void templateMatches(LabelSelector selector, PodTemplateSpec template) {
            if (selector == null || template == null || template.getMetadata() == null) {
                that(false, "selector or template labels missing");
                return;
            }
            Map<String, String> labels = template.getMetadata().getLabels();
            selector.getMatchLabels().forEach((key, value) ->
                    that(value.equals(labels.get(key)), "template labels do not match selector " + key + "=" + value));
        }

        void probe(Probe probe, String field, Container container) {
            if (probe == null) {
                that(false, field + " missing");
                return;
            }
            long handlers = java.util.stream.Stream.of(probe.getHttpGet(), probe.getExec(), probe.getTcpSocket(), probe.getGrpc())
                    .filter(Objects::nonNull).count();
            that(handlers == 1, field + " needs exactly one handler");
            if (probe.getHttpGet() != null) {
                that(probe.getHttpGet().getPath() != null && probe.getHttpGet().getPath().startsWith("/"), field + " path missing");
                that(resolvePort(probe.getHttpGet().getPort(), container) != null, field + " port does not name a container port");
            }
        }
    }

    static Integer resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(io.fabric8.kubernetes.api.model.ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    // --------------------------------------------------------------------------------------------- references

    /** References between objects of one set that must resolve there. */
    static List<String> references(Manifests set) {
        List<String> problems = new ArrayList<>();
        List<PodTemplateSpec> workloads = new ArrayList<>();
        set.all(Deployment.class).forEach(d -> workloads.add(d.getSpec().getTemplate()));
        set.all(StatefulSet.class).forEach(s -> workloads.add(s.getSpec().getTemplate()));

        for (PodTemplateSpec template : workloads) {
            PodSpec pod = template.getSpec();
            String id = "pod " + template.getMetadata().getLabels().get("app.kubernetes.io/name");
            if (pod.getServiceAccountName() != null && set.find(ServiceAccount.class, pod.getServiceAccountName()).isEmpty()) {
                problems.add(id + ": ServiceAccount " + pod.getServiceAccountName() + " is not rendered");
            }
            pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).forEach(v -> {
                if (set.find(ConfigMap.class, v.getConfigMap().getName()).isEmpty()) {
                    problems.add(id + ": volume ConfigMap " + v.getConfigMap().getName() + " is not rendered");
                }
            });
            for (Container container : pod.getContainers()) {
                for (EnvFromSource from : container.getEnvFrom()) {
                    // An optional ConfigMap may be absent (the kubelet then skips it); any other must be in the set.
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())
                            && set.find(ConfigMap.class, from.getConfigMapRef().getName()).isEmpty()) {
                        problems.add(id + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not rendered");
                    }
                }
                boolean secretsRendered = !set.all(Secret.class).isEmpty();
                for (EnvVar env : container.getEnv()) {
                    if (secretsRendered && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        var secret = set.find(Secret.class, ref.getName());
                        if (secret.isEmpty() || !secret.get().getData().containsKey(ref.getKey())) {
                            problems.add(id + ": env " + env.getName() + " needs Secret " + ref.getName() + " key " + ref.getKey());
                        }
                    }
                }
            }
        }
        for (Service service : set.all(Service.class)) {
            List<PodTemplateSpec> selected = workloads.stream().filter(matches(service.getSpec().getSelector())).toList();
            if (selected.size() != 1) {
                problems.add("Service " + service.getMetadata().getName() + " selects " + selected.size() + " workloads");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                boolean found = selected.get(0).getSpec().getContainers().stream()
                        .anyMatch(c -> Objects.equals(resolvePort(port.getTargetPort(), c), resolvedTarget(port, c)));
                if (!found) {
                    problems.add("Service " + service.getMetadata().getName() + " targetPort " + port.getTargetPort() + " is no container port");
                }
            }
        }
        for (Ingress ingress : set.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    var service = set.find(Service.class, backend.getName());
                    if (service.isEmpty()) {
                        problems.add("Ingress " + path.getPath() + " → Service " + backend.getName() + " is not rendered");
                    } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> backend.getPort().getName() != null
                            ? backend.getPort().getName().equals(p.getName()) : backend.getPort().getNumber().equals(p.getPort()))) {
                        problems.add("Ingress " + path.getPath() + " → Service " + backend.getName() + " has no such port");
                    }
                }
            }
        }
        for (HTTPRoute route : set.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef backend : rule.getBackendRefs()) {
                    var service = set.find(Service.class, backend.getName());
                    if (service.isEmpty()) {
                        problems.add("HTTPRoute → Service " + backend.getName() + " is not rendered");
                    } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort().equals(backend.getPort()))) {
                        problems.add("HTTPRoute → Service " + backend.getName() + " has no port " + backend.getPort());
                    }
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : set.all(HorizontalPodAutoscaler.class)) {
            var target = set.find(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            if (target.isEmpty()) {
                problems.add("HPA " + hpa.getMetadata().getName() + " targets a Deployment that is not rendered");
            } else if (target.get().getSpec().getReplicas() != null) {
                problems.add("Deployment " + target.get().getMetadata().getName()
                        + " sets replicas although an HPA owns them (every apply would reset the scale)");
            }
        }
        for (PodDisruptionBudget pdb : set.all(PodDisruptionBudget.class)) {
            if (workloads.stream().noneMatch(matches(pdb.getSpec().getSelector().getMatchLabels()))) {
                problems.add("PDB " + pdb.getMetadata().getName() + " selects no workload");
            }
        }
        for (ServiceMonitor monitor : set.all(ServiceMonitor.class)) {
            if (set.all(Service.class).stream().noneMatch(s -> s.getMetadata().getLabels().entrySet()
                    .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))) {
                problems.add("ServiceMonitor " + monitor.getMetadata().getName() + " selects no Service");
            }
            for (var endpoint : monitor.getSpec().getEndpoints()) {
                if (set.all(Service.class).stream().filter(s -> s.getMetadata().getLabels().entrySet()
                                .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                        .noneMatch(s -> s.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.getPort())))) {
                    problems.add("ServiceMonitor " + monitor.getMetadata().getName() + " scrapes port " + endpoint.getPort()
                            + ", which its Service does not name");
                }
            }
        }
        return problems;
    }

    private static Integer resolvedTarget(ServicePort port, Container container) {
        return port.getTargetPort() == null ? port.getPort() : resolvePort(port.getTargetPort(), container);
    }

    private static Predicate<PodTemplateSpec> matches(Map<String, String> selector) {
        return template -> selector != null && !selector.isEmpty()
                && template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }
}
