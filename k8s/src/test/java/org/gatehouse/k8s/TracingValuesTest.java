package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing values into each service's ConfigMap: no OTLP endpoint by default (the services then export nothing, while
 * trace context is still carried and logged: quarkus-opentelemetry, which every service's pom names), the endpoint,
 * protocol and sampling ratio as the Quarkus properties they stand for once set.
 */
class TracingValuesTest {

    @Test
    void templateWhenDefaultsThenNoEndpointAndEveryTraceRecorded() throws Exception {
        Manifests manifests = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS));
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            assertFalse(data.containsKey("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), service);
            assertFalse(data.containsKey("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), service);
            assertEquals("1", data.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), service);
            assertTrue(Files.readString(TestRenders.REPO.resolve(service).resolve("pom.xml"))
                    .contains("<artifactId>quarkus-opentelemetry</artifactId>"), service + " is traced");
        }
    }

    @Test
    void templateWhenCollectorAndRatioSetThenEveryConfigMapExportsThereAtThatRatio() {
        Manifests manifests = EscapeHatchesTest.render("tracing-collector", """
                tracing:
                  otlpEndpoint: http://otel-collector.observability:4318
                  otlpProtocol: http/protobuf
                  samplerRatio: 0.25
                """);
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            assertEquals("http://otel-collector.observability:4318", data.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
                    service);
            assertEquals("http/protobuf", data.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), service);
            assertEquals("0.25", data.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), service);
        }
    }

    @Test
    void templateWhenEndpointWithoutSchemeOrRatioAboveOneThenHelmRefuses() {
        List<String> wrong = List.of("tracing:\n  otlpEndpoint: otel-collector:4317\n",
                "tracing:\n  samplerRatio: 1.5\n", "tracing:\n  otlpProtocol: http/json\n");
        for (int i = 0; i < wrong.size(); i++) {
            String values = wrong.get(i);
            var file = TestRenders.valuesFile("tracing-wrong-" + i, values);
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TestRenders.renderer().template(List.of(file)), values);
            assertTrue(refused.getMessage().contains("tracing"), refused.getMessage());
        }
    }
}
