package org.gatehouse.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (zonky embedded) prepared the way the evaluation StatefulSet prepares its own: database
 * {@code gatehouse}, then the rendered init script run by sh with the StatefulSet's environment (values taken
 * from the rendered Secrets). Needs the psql client.
 */
final class TestEvaluationDatabase implements AutoCloseable {

    record Result(int exit, String output) {
    }

    private final EmbeddedPostgres postgres;
    private final Map<String, String> environment;

    private TestEvaluationDatabase(EmbeddedPostgres postgres, Map<String, String> environment) {
        this.postgres = postgres;
        this.environment = environment;
    }

    static boolean psqlInstalled() {
        return onPath("psql") && onPath("sh");
    }

    static TestEvaluationDatabase start(Manifests evaluation) throws Exception {
        Map<String, String> environment = new HashMap<>();
        for (EnvVar env : evaluation.get(StatefulSet.class, "gatehouse-postgresql").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()) {
            environment.put(env.getName(), TestEnvironment.resolve(evaluation, env));
        }
        TestEvaluationDatabase database = new TestEvaluationDatabase(EmbeddedPostgres.builder().start(), environment);
        try {
            Result created = database.psql("postgres", "postgres", "CREATE DATABASE " + environment.get("POSTGRES_DB"));
            if (created.exit() != 0) {
                throw new IllegalStateException(created.output());
            }
            String script = evaluation.get(ConfigMap.class, "gatehouse-postgresql-init").getData().get("10-gatehouse-schemas.sh");
            Path file = Files.createTempFile("init", ".sh");
            Files.writeString(file, script);
            Result init = database.run(List.of("sh", file.toString()));
            if (init.exit() != 0) {
                throw new IllegalStateException("init script failed:\n" + init.output());
            }
            return database;
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    int port() {
        return postgres.getPort();
    }

    Map<String, String> environment() {
        return environment;
    }

    Result psql(String user, String database, String sql) throws Exception {
        return run(List.of("psql", "-v", "ON_ERROR_STOP=1", "-tA", "-U", user, "-d", database, "-c", sql));
    }

    private Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        // The entrypoint runs the script against its local socket; here the server listens on loopback TCP.
        builder.environment().put("PGHOST", "127.0.0.1");
        builder.environment().put("PGPORT", String.valueOf(port()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
