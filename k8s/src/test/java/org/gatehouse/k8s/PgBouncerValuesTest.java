package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PgBouncer in transaction mode (database.pgbouncer): the services' queries go through it without named prepared
 * statements, and Flyway, which keeps session state, migrates through a session-mode connection. What makes the
 * runtime part safe is a property of the services' code, checked here too: no session-level advisory lock, no
 * session settings, no LISTEN.
 */
class PgBouncerValuesTest {

    /** Session state a pooler in transaction mode would hand to another client (or lose). */
    private static final Pattern SESSION_STATE = Pattern.compile(
            "pg_(try_)?advisory_lock(_shared)?\\s*\\(|set_config\\s*\\(|(?-i:\\b(SET\\s+(SESSION\\s+)?search_path|LISTEN\\s+\\w|PREPARE\\s+\\w))",
            Pattern.CASE_INSENSITIVE);

    @Test
    void templateWhenPgbouncerThenQueriesSkipPreparedStatementsAndFlywayMigratesDirectly() {
        Manifests manifests = EscapeHatchesTest.render("pgbouncer", """
                database:
                  host: pgbouncer.db.svc
                  port: 6432
                  pgbouncer: {enabled: true, migrationHost: postgres.db.svc, migrationPort: 5432}
                """);
        for (String service : TestContract.SERVICES.keySet()) {
            Map<String, String> data = manifests.get(ConfigMap.class, service).getData();
            String runtime = data.get("QUARKUS_DATASOURCE_JDBC_URL");
            String migration = data.get("QUARKUS_FLYWAY_JDBC_URL");
            assertTrue(runtime.startsWith("jdbc:postgresql://pgbouncer.db.svc:6432/gatehouse?") && runtime.contains("prepareThreshold=0"), runtime);
            assertTrue(migration.startsWith("jdbc:postgresql://postgres.db.svc:5432/gatehouse?") && !migration.contains("prepareThreshold"), migration);
            assertTrue(runtime.contains("sslmode=verify-full") && migration.contains("sslmode=verify-full"), "TLS on both");

            List<EnvVar> env = manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
            for (String[] pair : new String[][]{{"QUARKUS_FLYWAY_USERNAME", "db-username"}, {"QUARKUS_FLYWAY_PASSWORD", "db-password"}}) {
                EnvVar var = env.stream().filter(e -> e.getName().equals(pair[0])).findFirst().orElseThrow(() -> new AssertionError(pair[0]));
                assertEquals(service, var.getValueFrom().getSecretKeyRef().getName(), service + " " + pair[0]);
                assertEquals(pair[1], var.getValueFrom().getSecretKeyRef().getKey(), service + " " + pair[0]);
            }
            List<Integer> egressPorts = manifests.get(NetworkPolicy.class, service).getSpec().getEgress().stream()
                    .filter(rule -> rule.getTo().stream().allMatch(peer -> peer.getIpBlock() != null))
                    .flatMap(rule -> rule.getPorts().stream()).map(p -> p.getPort().getIntVal()).toList();
            assertTrue(egressPorts.containsAll(List.of(6432, 5432)), service + " egress " + egressPorts);
        }
        Map<String, String> defaults = StrictValidator.parse(TestRenders.yaml(TestRenders.Source.DEFAULTS)).get(ConfigMap.class, "token-service").getData();
        assertFalse(defaults.get("QUARKUS_DATASOURCE_JDBC_URL").contains("prepareThreshold"), "off by default");
        assertFalse(defaults.containsKey("QUARKUS_FLYWAY_JDBC_URL"), "off by default");
    }

    @Test
    void templateWhenPgbouncerWithoutMigrationHostThenHelmRefuses() {
        Path file = TestRenders.valuesFile("pgbouncer-no-migration-host", "database:\n  pgbouncer: {enabled: true}\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestRenders.renderer().template(List.of(file)));
        assertTrue(refused.getMessage().contains("database.pgbouncer.migrationHost"), refused.getMessage());
    }

    @Test
    void servicesWhenScannedThenTheirQueriesKeepNoSessionStateAPoolerCouldLose() throws IOException {
        List<String> found = new ArrayList<>();
        for (String service : TestContract.SERVICES.keySet()) {
            for (String root : List.of("src/main/java", "src/main/resources")) {
                Path dir = TestRenders.REPO.resolve(service).resolve(root);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql")).toList()) {
                        var matcher = SESSION_STATE.matcher(Files.readString(file));
                        while (matcher.find()) {
                            found.add(TestRenders.REPO.relativize(file) + ": " + matcher.group());
                        }
                    }
                }
            }
            assertTrue(Files.readString(TestRenders.REPO.resolve(service).resolve("src/main/resources/application.properties"))
                    .contains("quarkus.hibernate-orm.database.default-schema="), service + ": Hibernate qualifies every table with its schema");
        }
        assertEquals(List.of(), found, "session-level state; transaction-scoped advisory locks (pg_advisory_xact_lock) are fine");
    }
}
