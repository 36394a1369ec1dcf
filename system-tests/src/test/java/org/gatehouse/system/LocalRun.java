package org.gatehouse.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The local launcher ({@code local-edge.jar}) started as a separate OS process, exactly as a developer starts it,
 * in a fresh working directory (so its {@code .local-run} state is the test's own), on free ports.
 */
final class LocalRun implements AutoCloseable {

    static final String READY_PREFIX = "Gatehouse is ready at ";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final List<String> SERVICES =
            List.of("registration-service", "authorization-service", "token-service", "resource-service");

    /** Management port = application port + this (local-edge PlatformService, the Helm chart). */
    static final int MANAGEMENT_OFFSET = 1000;

    final Process process;
    final Path workDir;
    final int edgePort;
    final int portBase;
    final long startedNanos;
    final String publicUrl;
    /** Process start until the ready line, as measured here. */
    final Duration startToReady;
    /** The launcher's descendants (the service JVMs) while it was running. */
    final Set<ProcessHandle> descendants = new LinkedHashSet<>();
    private final StringBuffer output;

    private LocalRun(Process process, Path workDir, int edgePort, int portBase, long startedNanos,
                     StringBuffer output, String publicUrl, Duration startToReady) {
        this.process = process;
        this.workDir = workDir;
        this.edgePort = edgePort;
        this.portBase = portBase;
        this.startedNanos = startedNanos;
        this.output = output;
        this.publicUrl = publicUrl;
        this.startToReady = startToReady;
        process.descendants().forEach(descendants::add);
    }

    /** Starts the launcher and returns once it printed its ready line (fails after {@link #READY_TIMEOUT}). */
    static LocalRun start(String name, Map<String, String> extraEnv) throws Exception {
        Path runs = repoDir().resolve("system-tests/target/local-runs");
        Files.createDirectories(runs);
        return start(name, Files.createTempDirectory(runs, name + "-"), extraEnv);
    }

    /**
     * Starts the launcher in a given working directory: a restart in the directory of an earlier run keeps its
     * {@code .local-run} keyring, whose key-encryption key the signing keys stored in the database need.
     */
    static LocalRun start(String name, Path workDir, Map<String, String> extraEnv) throws Exception {
        return start(name, workDir, extraEnv, false);
    }

    /**
     * Starts the launcher with an https issuer, the edge serving TLS itself ({@code --tls}, its self-signed
     * certificate) as the Ingress does in production.
     */
    static LocalRun startHttps(String name, Map<String, String> extraEnv) throws Exception {
        Path runs = repoDir().resolve("system-tests/target/local-runs");
        Files.createDirectories(runs);
        return start(name, Files.createTempDirectory(runs, name + "-"), extraEnv, true);
    }

    private static LocalRun start(String name, Path workDir, Map<String, String> extraEnv, boolean https)
            throws Exception {
        Path repoDir = repoDir();
        Path launcher = Path.of(System.getProperty("gatehouse.launcher-jar",
                repoDir.resolve("local-edge/target/local-edge.jar").toString())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " is missing: package local-edge first");
        }
        int portBase = freePortBase();
        int edgePort = portBase;

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", launcher.toString(),
                "--port-base", Integer.toString(portBase),
                "--port", Integer.toString(edgePort),
                "--repo-dir", repoDir.toString(),
                "--exit-with-parent"));
        if (https) {
            command.addAll(List.of("--tls", "--public-url", "https://localhost:" + edgePort));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // Isolation: the developer's own launcher settings must not leak into a test run.
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        builder.environment().putAll(extraEnv);

        long started = System.nanoTime();
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> ready = new CompletableFuture<>();
        pump(process.getInputStream(), output, ready, name + "-stdout");
        pump(process.getErrorStream(), output, ready, name + "-stderr");
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("launcher exited with " + process.exitValue())));

        String url;
        try {
            url = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            String why = e instanceof TimeoutException ? "not ready within " + READY_TIMEOUT.toSeconds() + " s"
                    : String.valueOf(e.getCause() == null ? e : e.getCause());
            destroyTree(process);
            throw new IllegalStateException("Local run failed to start (" + why + "). Launcher output:\n" + output
                    + "\nService logs: " + workDir.resolve(".local-run/logs"));
        }
        Duration startToReady = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("[system-tests] %s: launcher ready at %s after %.1f s%n", name, url,
                startToReady.toMillis() / 1000.0);
        return new LocalRun(process, workDir, edgePort, portBase, started, output, url, startToReady);
    }

    /** The checkout the tests run in (failsafe passes it; the module's parent otherwise). */
    static Path repoDir() {
        return Path.of(System.getProperty("gatehouse.repo-dir", "..")).toAbsolutePath().normalize();
    }

    private static void pump(InputStream stream, StringBuffer output, CompletableFuture<String> ready, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(READY_PREFIX)) {
                        ready.complete(line.substring(READY_PREFIX.length()).trim());
                    }
                }
            } catch (IOException ignored) {
                // Stream closed with the process.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The session cookie's name: {@code __Host-}-prefixed when the issuer is https, as browsers require there. */
    String sessionCookie() {
        return (publicUrl.startsWith("https://") ? "__Host-" : "") + "gatehouse_session";
    }

    /** Port of a service on the loopback interface (port base + 1..4, in {@link #SERVICES} order). */
    int servicePort(String service) {
        return portBase + 1 + SERVICES.indexOf(service);
    }

    String serviceUrl(String service) {
        return "http://127.0.0.1:" + servicePort(service);
    }

    /** A service's management interface (health, metrics): its application port serves no /q path. */
    String managementUrl(String service) {
        return "http://127.0.0.1:" + (servicePort(service) + MANAGEMENT_OFFSET);
    }

    String output() {
        return output.toString();
    }

    /** Every port the run listens on: the edge and the four services with their management interfaces. */
    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        ports.add(edgePort);
        SERVICES.forEach(s -> ports.add(servicePort(s)));
        SERVICES.forEach(s -> ports.add(servicePort(s) + MANAGEMENT_OFFSET));
        return ports;
    }

    /** PostgreSQL server processes serving this run's data directory (they are not the launcher's children). */
    Set<ProcessHandle> postgresProcesses() {
        String dataDir = workDir.resolve(".local-run").toString();
        Set<ProcessHandle> found = new LinkedHashSet<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.info().commandLine().orElse("").contains(dataDir)).forEach(found::add);
        }
        return found;
    }

    /** SIGTERM as Ctrl-C would, then make sure nothing outlives the test even if the launcher misbehaved. */
    @Override
    public void close() {
        process.descendants().forEach(descendants::add);
        Set<ProcessHandle> postgres = postgresProcesses();
        process.destroy();
        try {
            // A build's first run writes the services' class-data archives on the way out (up to a minute).
            process.waitFor(75, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroyTree(process);
        descendants.forEach(ProcessHandle::destroyForcibly);
        postgres.forEach(ProcessHandle::destroyForcibly);
        // The logs stay for a post-mortem; the database files (tens of MB per run) do not.
        deleteTree(workDir.resolve(".local-run/pgdata"));
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A base B with B..B+4 and B+1001..B+1004 free: the edge on B, the services on B+1..B+4, their management
     * interfaces 1000 above. Drawn below Linux's ephemeral range (32768-60999 by default), so an outgoing connection
     * of another process cannot take a port between this check and the service binding it.
     */
    static int freePortBase() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 31_000);
            boolean free = true;
            for (int i = 0; i <= SERVICES.size() && free; i++) {
                free = isFree(base + i) && (i == 0 || isFree(base + MANAGEMENT_OFFSET + i));
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("No free port range found");
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Best-effort recursive delete of a test's own scratch directory. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Left for the OS temp cleaner.
                }
            });
        } catch (IOException ignored) {
            // Same.
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
