package org.gatehouse.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The developer experience of {@code ./run-local.sh}: up in under a minute, Ctrl-C/SIGTERM leaves no process and no
 * bound port behind, and every service leaves a class-data archive for the next start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunLifecycleTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalRun run;
    /** Each service JVM's command line, read while it ran. */
    private static final Map<String, String> serviceCommands = new HashMap<>();

    @BeforeAll
    static void startPlatform() throws Exception {
        run = LocalRun.start("LocalRunLifecycleTest", Map.of());
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Order(1)
    void handleWhenLaunchedThenDiscoveryAnswersWithinAMinuteOfProcessStart() {
        URI discovery = URI.create(run.publicUrl + "/.well-known/openid-configuration");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(discovery).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        Duration startToAnswer = Duration.ofNanos(System.nanoTime() - run.startedNanos);
        System.out.printf("[system-tests] start-to-ready: launcher process start -> discovery answering: %.1f s "
                + "(ready line after %.1f s)%n", startToAnswer.toMillis() / 1000.0,
                run.startToReady.toMillis() / 1000.0);
        assertTrue(startToAnswer.compareTo(Duration.ofSeconds(60)) < 0,
                "start-to-ready took " + startToAnswer.toSeconds() + " s");
    }

    @Test
    @Order(2)
    void handleWhenSigtermThenLauncherServicesAndPostgresAreGoneAndPortsFree() {
        Set<ProcessHandle> running = new LinkedHashSet<>(run.descendants);
        run.process.descendants().forEach(running::add);
        Set<ProcessHandle> postgres = run.postgresProcesses();
        assertEquals(4, run.descendants.size(), "one child process per service: " + run.descendants);
        assertFalse(postgres.isEmpty(), "embedded PostgreSQL of this run not found");
        running.addAll(postgres);
        for (ProcessHandle service : run.descendants) {
            String command = service.info().commandLine().orElse("");
            LocalRun.SERVICES.stream().filter(name -> command.contains("/" + name + "/"))
                    .forEach(name -> serviceCommands.put(name, command));
        }

        // SIGTERM, as `kill -TERM` or a closing terminal would send; through the handle, because Process.destroy()
        // also closes the pipes and the launcher's last lines would be lost.
        run.process.toHandle().destroy();

        // Up to a minute when this is the build's first run and the services write their class-data archives.
        await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertFalse(run.process.isAlive(), "launcher still running");
            for (ProcessHandle process : running) {
                assertFalse(process.isAlive(), "still running: " + process.pid() + " "
                        + process.info().commandLine().orElse(""));
            }
        });
        for (int port : run.ports()) {
            assertTrue(LocalRun.isFree(port), "port " + port + " still bound");
        }
        // 143 = 128 + SIGTERM: the JVM ended through its shutdown hooks, not by a crash or SIGKILL (137).
        assertEquals(143, run.process.exitValue());
    }

    @Test
    @Order(3)
    void handleWhenStoppedThenEveryServiceHasAClassDataArchiveItsJvmAccepted() throws Exception {
        assertEquals(LocalRun.SERVICES.size(), serviceCommands.size(), "service command lines: " + serviceCommands);
        for (String service : LocalRun.SERVICES) {
            Path app = LocalRun.repoDir().resolve(service).resolve("target/quarkus-app");
            String command = serviceCommands.get(service);
            String log = Files.readString(run.workDir.resolve(".local-run/logs/" + service + ".log"));
            if (command.contains("-XX:ArchiveClassesAtExit=")) {
                // This run trained it: the launcher moved the archive into place after the graceful stop (its last
                // lines may still be on their way through the output pump).
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                        run.output().contains(service + " class-data archive written: " + app), run.output()));
            } else {
                assertTrue(command.contains("-XX:SharedArchiveFile="), command);
                // A refused archive is one "[warning][cds,dynamic] Unable to use shared archive" line in the log.
                assertFalse(log.contains("[cds"), service + " refused its archive:\n" + log);
            }
            Path jar = app.resolve("quarkus-run.jar");
            try (var archives = Files.list(app)) {
                List<Path> current = archives.filter(f -> f.getFileName().toString().matches("gatehouse-.*\\.jsa"))
                        .filter(f -> f.toFile().lastModified() >= jar.toFile().lastModified()).toList();
                assertEquals(1, current.size(), service + " archives newer than its jar: " + current);
            }
        }
    }
}
