package org.gatehouse.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * values.schema.json is strict: a misspelled or unknown key, a contract port changed, a malformed URL, or
 * evaluation secrets left out stop `helm install` before anything reaches the cluster.
 */
class ChartValuesSchemaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key          | replicaCount: 3                                                  | replicaCount
            misspelled nested key          | 'workload: {autoscalling: {enabled: false}}'                      | autoscalling
            unknown service                | 'services: {billing-service: {port: 8085}}'                       | billing-service
            contract port changed          | 'services: {token-service: {port: 9083}}'                         | port
            schema renamed                 | 'services: {token-service: {schema: tokens}}'                     | schema
            public URL with trailing slash | 'publicUrl: https://auth.example.com/'                            | publicUrl
            wrong type                     | 'workload: {autoscaling: {maxReplicas: "10"}}'                    | maxReplicas
            JDBC parameters with ?         | 'database: {parameters: "?sslmode=require"}'                      | parameters
            evaluation without keys        | 'secrets: {create: true}'                                         | generate-evaluation-secrets.sh
            client JWT key not 32 bytes    | 'secrets: {registrationClientJwtSecretKey: "c2hvcnQ="}'           | registrationClientJwtSecretKey
            heap ratio leaves no headroom  | 'workload: {javaMaxMemRatio: 95}'                                 | javaMaxMemRatio
            host name as trusted proxy     | 'proxy: {trustedProxies: "10.0.0.0/8,ingress.example.com"}'       | trustedProxies
            bare IPv6 as trusted proxy     | 'proxy: {trustedProxies: "::1"}'                                  | trustedProxies
            peer trusted without policies  | 'networkPolicy: {enabled: false}'                                 | proxy.trustedProxies
            database CA not a certificate  | 'database: {caCert: "not a certificate"}'                         | caCert
            rate limit of zero             | 'rateLimits: {registration-service: {signup-ip: {capacity: 0, period: 1h}}}' | capacity
            rate limit period in words     | 'rateLimits: {registration-service: {signup-ip: {capacity: 5, period: "1 hour"}}}' | period
            rate limit of unknown service  | 'rateLimits: {billing-service: {signup-ip: {capacity: 5, period: 1h}}}' | billing-service
            name prefix not a DNS label    | 'fullnameOverride: Blue_Release'                                 | fullnameOverride
            """)
    void templateWhenValuesAreWrongThenHelmRefuses(String what, String values, String expectedInError) {
        Path file = TestRenders.valuesFile("wrong-" + what.replace(' ', '-'), values.replace("\\n", "\n") + "\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TestRenders.renderer().template(List.of(file)), what);
        assertTrue(refused.getMessage().contains(expectedInError), () -> what + ": " + refused.getMessage());
    }
}
