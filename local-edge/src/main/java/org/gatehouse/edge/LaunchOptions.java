package org.gatehouse.edge;

import io.netty.util.NetUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the local run; each has an environment variable twin so scripts and IDE run
 * configurations need no arguments. Options win over the environment.
 */
public record LaunchOptions(
        String host,
        int edgePort,
        int portBase,
        String publicUrl,
        Path repoDir,
        Path stateDir,
        Duration readyTimeout,
        List<String> serviceJvmOptions,
        boolean exitWithParent,
        boolean tls,
        String trustedProxy) {

    /**
     * Measured on the 2-core bench machine (bench/RESULTS.md, "after" section). Full tiered compilation: C1 only
     * ({@code -XX:TieredStopAtLevel=1}) cost 35-55 % of token and bearer throughput, ES256 being JIT-bound. The heap
     * starts small and is handed back after a GC (free ratios), so idle RSS follows the live set; {@code -Xmx} stays
     * a cap with room for registration-service's four concurrent 19 MiB Argon2 hashes. Metaspace and code cache are
     * caps too (metaspace holds 15-20 MB beside the trained class-data archive, 60-70 MB without it; code 10-30 MB).
     * Two event loops and at most 32 workers suit two cores and bound the thread stacks and Netty arenas that grow
     * under load. glibc keeps freed native memory (start-up parsing, C2 arenas) until trimmed: trimming every 5 s
     * gave back 15 MB per idle service (bench/observations.md). Four services starting at once on two cores spent 10
     * of their 26 CPU seconds in C2 compiling start-up code; tripling the compile thresholds halves that and readies
     * them ~4 s sooner. Token issuance still reaches C2 within the first second of load; broad paths (code
     * redemption: two services, Hibernate, JTA) compile for about a minute either way, and as the first load after a
     * start did better with it (323 vs 236 req/s, bench/observations.md).
     */
    static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=5 "
            + "-XX:MaxHeapFreeRatio=20 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m "
            + "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -XX:CompileThresholdScaling=3 "
            + "-Dquarkus.vertx.event-loops-pool-size=2 -Dquarkus.thread-pool.max-threads=32";

    /**
     * The usage text, kept in {@code usage.txt} beside this class so that {@code ./run-local.sh --help} can print it
     * before anything is built; {@code %s} there stands for {@link #DEFAULT_JVM_OPTIONS}.
     */
    public static final String USAGE = usageTemplate().formatted(DEFAULT_JVM_OPTIONS);

    private static String usageTemplate() {
        try (InputStream in = LaunchOptions.class.getResourceAsStream("usage.txt")) {
            if (in == null) {
                throw new IllegalStateException("usage.txt is missing from the launcher jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown for --help: print {@link #USAGE} and exit 0. */
    public static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    public static LaunchOptions parse(String[] args, Map<String, String> env, Path launcherJar)
            throws LaunchException, HelpRequested {
        String host = env.getOrDefault("GATEHOUSE_EDGE_HOST", "127.0.0.1");
        String port = env.get("GATEHOUSE_EDGE_PORT");
        String portBase = env.getOrDefault("GATEHOUSE_PORT_BASE", "8080");
        String publicUrl = env.get("GATEHOUSE_PUBLIC_URL");
        String repoDir = env.get("GATEHOUSE_HOME");
        String readyTimeout = env.getOrDefault("GATEHOUSE_READY_TIMEOUT", "120");
        String jvmOptions = env.getOrDefault("GATEHOUSE_SERVICE_JVM_OPTS", DEFAULT_JVM_OPTIONS);
        boolean exitWithParent = false;
        boolean tls = Boolean.parseBoolean(env.getOrDefault("GATEHOUSE_EDGE_TLS", "false"))
                || !env.getOrDefault("GATEHOUSE_TLS_KEYSTORE", "").isBlank();
        String trustedProxy = env.get("GATEHOUSE_TRUSTED_PROXY");

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--exit-with-parent" -> exitWithParent = true;
                case "--tls" -> tls = true;
                case "--port", "--host", "--port-base", "--public-url", "--repo-dir", "--ready-timeout",
                        "--trusted-proxy" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new LaunchException(arg + " needs a value\n\n" + USAGE);
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--port" -> port = value;
                        case "--host" -> host = value;
                        case "--port-base" -> portBase = value;
                        case "--public-url" -> publicUrl = value;
                        case "--repo-dir" -> repoDir = value;
                        case "--trusted-proxy" -> trustedProxy = value;
                        default -> readyTimeout = value;
                    }
                }
                default -> throw new LaunchException("Unknown option " + args[i] + "\n\n" + USAGE);
            }
        }

        int base = number("port base", portBase);
        int edge = port == null ? base : number("edge port", port);
        int last = base + PlatformService.values().length + PlatformService.MANAGEMENT_OFFSET;
        if (edge < 1 || edge > 65535 || base < 0 || last > 65535) {
            throw new LaunchException("Ports out of range: edge " + edge + ", services " + (base + 1) + "-"
                    + (base + PlatformService.values().length) + ", management "
                    + (base + 1 + PlatformService.MANAGEMENT_OFFSET) + "-" + last);
        }
        for (PlatformService service : PlatformService.values()) {
            if (service.port(base) == edge || service.managementPort(base) == edge) {
                throw new LaunchException("Edge port " + edge + " collides with " + service.serviceName()
                        + "'s port; choose another --port or --port-base");
            }
        }
        String url = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + edge : publicUrl.trim();
        validatePublicUrl(url);
        int timeout = number("ready timeout", readyTimeout);
        List<String> jvm = Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (trustedProxy != null && !trustedProxy.isBlank() && !isIpAddress(trustedProxy.trim())) {
            throw new LaunchException("--trusted-proxy / GATEHOUSE_TRUSTED_PROXY must be an IP address, got '"
                    + trustedProxy + "'");
        }
        return new LaunchOptions(host, edge, base, url, resolveRepoDir(repoDir, launcherJar),
                Path.of(".local-run").toAbsolutePath(), Duration.ofSeconds(timeout), jvm, exitWithParent, tls,
                trustedProxy == null || trustedProxy.isBlank() ? null : trustedProxy.trim());
    }

    /** An IPv4 or IPv6 literal, checked without a DNS lookup. */
    private static boolean isIpAddress(String value) {
        return NetUtil.isValidIpV4Address(value) || NetUtil.isValidIpV6Address(value);
    }

    private static int number(String what, String value) throws LaunchException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LaunchException("The " + what + " must be a number, got '" + value + "'");
        }
    }

    /** The issuer must be an absolute http(s) URL without trailing slash (ARCHITECTURE.md "Issuer"). */
    private static void validatePublicUrl(String url) throws LaunchException {
        try {
            URI uri = new URI(url);
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && !url.endsWith("/");
            if (!ok) {
                throw new LaunchException("The public URL must be an absolute http(s) URL without a trailing "
                        + "slash, query or fragment, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new LaunchException("The public URL is not a URL: '" + url + "'");
        }
    }

    /**
     * Where the services' packaged apps are: the given directory, else the checkout this jar was built in
     * ({@code <repo>/local-edge/target/local-edge.jar}), else the working directory.
     */
    private static Path resolveRepoDir(String configured, Path launcherJar) throws LaunchException {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!isCheckout(dir)) {
                throw new LaunchException(dir + " (--repo-dir / GATEHOUSE_HOME) is not a Gatehouse checkout");
            }
            return dir;
        }
        if (launcherJar != null) {
            Path target = launcherJar.toAbsolutePath().normalize().getParent();
            if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                Path candidate = target.getParent().getParent();
                if (isCheckout(candidate)) {
                    return candidate;
                }
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (isCheckout(cwd)) {
            return cwd;
        }
        throw new LaunchException("Cannot find the Gatehouse checkout; pass --repo-dir or set GATEHOUSE_HOME");
    }

    private static boolean isCheckout(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"))
                && PlatformService.names().stream().allMatch(s -> Files.isDirectory(dir.resolve(s)));
    }
}
