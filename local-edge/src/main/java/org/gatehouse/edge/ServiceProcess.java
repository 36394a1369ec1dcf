package org.gatehouse.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform running as its own OS process from its packaged Quarkus app
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}), configured only through environment variables, as its
 * Kubernetes Deployment is. Output goes to {@code .local-run/logs/<service>.log}.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final String host;
    /** The management interface's port, where readiness is polled (the application port serves no /q path). */
    private final int managementPort;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Set<ProcessHandle> known = new LinkedHashSet<>();
    private volatile Process process;
    private volatile boolean wasReady;

    public ServiceProcess(String name, String host, int managementPort, List<String> command,
                          Map<String, String> environment, Path logFile) {
        this.name = name;
        this.host = host;
        this.managementPort = managementPort;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    /** Where the packaged service lives in a built checkout. */
    public static Path jarOf(Path repoDir, String service) {
        return repoDir.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /**
     * The command that runs a packaged service on this launcher's JVM. Whatever the JVM options, the service runs
     * without Quarkus' own request-target check, which answers a malformed target with an empty 400: platform-common
     * makes the same check on the router's first route and answers {@code invalid_request} (as the images do).
     */
    public static List<String> javaCommand(List<String> jvmOptions, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dvertx.disableURIValidation=true");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        // A restart appends, so the log still shows what the previous process did before it died.
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(process == null ? ProcessBuilder.Redirect.to(logFile.toFile())
                        : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // glibc's default of up to 8 malloc arenas per core costs RSS in a JVM for no gain with two event loops:
        // measured up to 14 MB less RSS per idle service (bench/RESULTS.md). The launcher's own environment wins.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        process = builder.start();
        known.add(process.toHandle());
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200. Fails early, with the end of the log, when the process
     * dies; fails with the log too when the service is not ready in time.
     */
    public void awaitReady(Duration timeout) throws LaunchException {
        Instant deadline = Instant.now().plus(timeout);
        URI ready = URI.create("http://" + host + ":" + managementPort + "/q/health/ready");
        while (true) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                String exit = running == null ? "was never started" : "exited with code " + running.exitValue();
                throw new LaunchException(name + " " + exit + " before it was ready. Last lines of " + logFile
                        + ":\n" + logTail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    wasReady = true;
                    running.descendants().forEach(this::remember);
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still booting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while waiting for " + name);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchException(name + " was not ready on port " + managementPort + " within "
                        + timeout.toSeconds() + " s (GET /q/health/ready). Last lines of " + logFile + ":\n" + logTail(40));
            }
            sleep(250);
        }
    }

    /** Whether the service has answered ready at least once. */
    public boolean wasReady() {
        return wasReady;
    }

    /** The service's OS process, once started. */
    public Optional<ProcessHandle> handle() {
        Process running = process;
        return running == null ? Optional.empty() : Optional.of(running.toHandle());
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Runs {@code action} when the service process ends, for whatever reason. */
    public void onExit(Runnable action) {
        Process running = process;
        if (running != null) {
            running.onExit().thenRun(action);
        }
    }

    /** Exit code once the process has ended; -1 while it runs or if it never started. */
    public int exitCode() {
        Process running = process;
        return running == null || running.isAlive() ? -1 : running.exitValue();
    }

    /** Sends SIGTERM (Quarkus' graceful shutdown) to the service and everything it started. */
    public synchronized void requestStop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(this::remember);
        for (ProcessHandle handle : known) {
            handle.destroy();
        }
    }

    /**
     * Waits for the SIGTERM to take effect until {@code deadline}, then kills whatever is still alive. Returns
     * whether everything stopped on its own.
     */
    public synchronized boolean awaitStopped(Instant deadline) {
        if (process == null) {
            return true;
        }
        boolean graceful = true;
        for (ProcessHandle handle : new ArrayList<>(known)) {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                handle.onExit().get(millis, TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                graceful = false;
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : known) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("[gatehouse] " + name + " process " + handle.pid() + " did not exit");
            }
        }
        return graceful;
    }

    private void remember(ProcessHandle handle) {
        known.add(handle);
    }

    /** The last lines the service logged, to explain a failed start. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log written)";
            }
            String[] all = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, all.length - lines);
            StringBuilder tail = new StringBuilder();
            for (int i = from; i < all.length; i++) {
                tail.append("    ").append(all[i]).append('\n');
            }
            return tail.toString();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
