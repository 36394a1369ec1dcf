package org.gatehouse.edge;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL the local run's services share (each service keeps its own schema). Either the server named by
 * {@code GATEHOUSE_DB_URL} (+ {@code GATEHOUSE_DB_USER}, {@code GATEHOUSE_DB_PASSWORD}), which is left alone on
 * exit, or an embedded one (zonky binaries, no Docker) whose data lives in {@code .local-run/pgdata} so that apps,
 * users and signing keys survive a restart.
 */
public final class LocalDatabase implements AutoCloseable {

    static final String ENV_URL = "GATEHOUSE_DB_URL";
    static final String ENV_USER = "GATEHOUSE_DB_USER";
    static final String ENV_PASSWORD = "GATEHOUSE_DB_PASSWORD";
    private static final String DATABASE = "gatehouse";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final String description;

    private LocalDatabase(String jdbcUrl, String user, String password, EmbeddedPostgres embedded,
                          String description) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.description = description;
    }

    /** Uses {@code GATEHOUSE_DB_URL} when set, otherwise starts the embedded server. */
    public static LocalDatabase start(Map<String, String> env, Path stateDir, Path logFile) throws IOException {
        String url = env.get(ENV_URL);
        if (url != null && !url.isBlank()) {
            String user = env.getOrDefault(ENV_USER, "postgres");
            String password = env.getOrDefault(ENV_PASSWORD, "");
            checkReachable(url, user, password);
            return new LocalDatabase(url, user, password, null, "external PostgreSQL " + redact(url));
        }
        return startEmbedded(stateDir.resolve("pgdata"), logFile);
    }

    private static LocalDatabase startEmbedded(Path dataDir, Path logFile) throws IOException {
        EmbeddedPostgres postgres;
        String where;
        try {
            stopOrphanedPostmaster(dataDir);
            postgres = builder(logFile).setDataDirectory(dataDir).setCleanDataDirectory(false).start();
            where = dataDir.toString();
        } catch (IOException | RuntimeException kept) {
            // A damaged or locked data directory must not block a developer: run on a throw-away one instead.
            Path fresh = Files.createTempDirectory("gatehouse-pgdata-");
            System.err.println("[gatehouse] could not start PostgreSQL on " + dataDir + " (" + kept.getMessage()
                    + "); using a fresh data directory " + fresh + " for this run");
            postgres = builder(logFile).setDataDirectory(fresh).setCleanDataDirectory(true).start();
            where = fresh + " (temporary)";
        }
        int port = postgres.getPort();
        String adminUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
        try {
            createDatabaseIfAbsent(adminUrl, "postgres", "postgres");
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Embedded PostgreSQL started but the database could not be created: "
                    + e.getMessage(), e);
        }
        return new LocalDatabase("jdbc:postgresql://localhost:" + port + "/" + DATABASE, "postgres", "postgres",
                postgres, "embedded PostgreSQL on port " + port + ", data in " + where);
    }

    private static EmbeddedPostgres.Builder builder(Path logFile) {
        // Our own shutdown hook stops PostgreSQL after the services, so they never see the database vanish first.
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running, holding the data directory. Nothing else can
     * own it (the data directory lives in this working directory's .local-run and a live launcher would hold the
     * ports we have already checked), so stop it rather than fall back to an empty database.
     */
    private static void stopOrphanedPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            // postmaster.pid: line 1 the pid, line 2 the data directory it serves.
            var lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            boolean ours = lines.size() > 1 && Path.of(lines.get(1).trim()).toAbsolutePath().normalize()
                    .equals(dataDir.toAbsolutePath().normalize());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (ours && postmaster.isPresent() && postmaster.get().isAlive()) {
                System.err.println("[gatehouse] stopping PostgreSQL left over from an earlier run (pid " + pid + ")");
                // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for orphaned clients to disconnect.
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
                postmaster.get().onExit().get(15, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // Best effort: if it is still there, start() fails and we fall back to a fresh directory.
        }
    }

    private static void createDatabaseIfAbsent(String adminUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private static void checkReachable(String url, String user, String password) throws IOException {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            // Reachable: the services will run their own migrations.
        } catch (SQLException e) {
            throw new IOException("Cannot connect to " + ENV_URL + " " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URLs may carry a password parameter; never print it. */
    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String description() {
        return description;
    }

    /** Stops the embedded server (an external one is left running). */
    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
