package org.gatehouse.k8s;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's packaged jar (target/quarkus-app/quarkus-run.jar) running as a process with exactly the given
 * environment, started the way the image's run-java.sh starts it, plus SmallRye Config's lookup logging
 * (system properties, so the environment stays exactly the rendered one).
 * <p>
 * The lookup log names every config property the service read and the source that answered it, which is how
 * {@link #propertiesReadFromEnvironment()} proves an env var is consumed. It also prints the values, secrets
 * included: the test's secrets are generated per run and never leave it, the log is a temp file deleted on
 * {@link #close()}, and {@link #tail()} leaves those lines out of assertion messages.
 */
final class TestServiceProcess implements AutoCloseable {

    /** SRCFG01001, logged by SmallRye Config's LoggingConfigSourceInterceptor for each property found. */
    private static final Pattern LOOKUP = Pattern.compile("SRCFG01001: The config (\\S+) was loaded from (\\S+) with the value");

    private final String service;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestServiceProcess(String service, Process process, Path log) {
        this.service = service;
        this.process = process;
        this.log = log;
    }

    static Path jar(String service) {
        return TestRenders.REPO.resolve(service + "/target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts {@code service} with {@code environment} as its whole environment and {@code jvmOptions} before
     * {@code -jar}. Bound to loopback: the image's run-java.sh adds -Dquarkus.http.host=0.0.0.0 instead.
     */
    static TestServiceProcess start(String service, Map<String, String> environment, List<String> jvmOptions) throws IOException {
        Path jar = jar(service);
        Path log = Files.createTempFile(service, ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dsmallrye.config.log.values=true");
        command.add("-Dquarkus.log.category.\"io.smallrye.config\".level=DEBUG");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new TestServiceProcess(service, builder.start(), log);
    }

    /** Polls {@code url} until it answers 200; fails when the process exits or two minutes pass. */
    void awaitOk(String url) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(service + " exited (" + process.exitValue() + ") before " + url + " answered:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " did not answer 200 in time: " + last + "\n" + tail());
    }

    /** The status of one GET of {@code url}. */
    int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Names of the config properties the service has read so far whose value came from the environment. */
    Set<String> propertiesReadFromEnvironment() throws IOException {
        Set<String> properties = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            Matcher lookup = LOOKUP.matcher(line);
            if (lookup.find() && lookup.group(2).startsWith("EnvConfigSource")) {
                properties.add(lookup.group(1));
            }
        }
        return properties;
    }

    /** Log lines containing {@code text} (the lookup lines excepted). */
    List<String> logLines(String text) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text) && !LOOKUP.matcher(line).find()).toList();
    }

    /** The environment variable SmallRye Config reads for {@code property}: non-alphanumerics to _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Resident set size of the process (VmRSS of /proc/<pid>/status), when the platform has /proc. */
    OptionalLong residentBytes() throws IOException {
        Path status = Paths.get("/proc", String.valueOf(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return OptionalLong.empty();
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** The last 40 log lines without the lookup lines (they carry values). */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !LOOKUP.matcher(line).find()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
