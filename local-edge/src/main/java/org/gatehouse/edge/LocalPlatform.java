package org.gatehouse.edge;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar local-edge.jar}: the whole platform on one machine. Starts PostgreSQL, the four services as
 * separate processes (in parallel), then the public edge, prints one ready line and stays in the foreground.
 * Ctrl-C / SIGTERM (or a failed start) stops the edge, the services and the embedded database: nothing is left
 * running.
 */
public final class LocalPlatform {

    /** The one line a caller (human or test) waits for; nothing else goes to stdout. */
    public static final String READY_LINE_PREFIX = "Gatehouse is ready at ";

    private static final String SERVICE_HOST = "127.0.0.1";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Writing a class-data archive takes a JVM a few seconds; four at once on two cores, up to about 20. */
    private static final Duration TRAINING_STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);

    private final LaunchOptions options;
    private final Map<String, String> env;
    private final Object lock = new Object();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<ServiceProcess, ClassDataArchive> archives = new HashMap<>();
    private final LeftoverProcesses leftovers;
    private final ServiceRestartPolicy restartPolicy;
    private volatile boolean stopping;
    private boolean stopped;
    private LocalDatabase database;
    private Vertx vertx;
    private EdgeProxy edge;
    private BootstrapAdminClient bootstrapAdmin;

    public LocalPlatform(LaunchOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
        this.leftovers = new LeftoverProcesses(options.stateDir());
        this.restartPolicy = new ServiceRestartPolicy(RESTART_DELAY, MAX_RESTART_DELAY, this::recordRestarted);
    }

    public static void main(String[] args) {
        configureLogging();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv(), launcherJar());
        } catch (LaunchOptions.HelpRequested help) {
            System.out.print(LaunchOptions.USAGE);
            return;
        } catch (LaunchException e) {
            System.err.println("[gatehouse] " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalPlatform platform = new LocalPlatform(options, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "gatehouse-shutdown"));
        long started = System.nanoTime();
        try {
            platform.start();
        } catch (Exception e) {
            if (!platform.stopping) {
                System.err.println("[gatehouse] start failed: " + (e instanceof LaunchException ? e.getMessage() : e));
                System.exit(1);
            }
            return;
        }
        log("all services ready in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; logs in "
                + options.stateDir().resolve("logs") + "; Ctrl-C stops everything");
        log("admin client " + platform.bootstrapAdmin.clientId() + " (admin:read admin:write): credentials in "
                + platform.bootstrapAdmin.file());
        System.out.println(READY_LINE_PREFIX + options.publicUrl());
        System.out.flush();
        platform.runInForeground();
    }

    /** Starts everything; on failure the caller stops what was started (see {@link #stop()}). */
    public void start() throws Exception {
        Path stateDir = options.stateDir();
        Path logs = stateDir.resolve("logs");
        RouteTable routes = RouteTable.load();
        if (!PlatformService.names().containsAll(routes.services())) {
            throw new LaunchException("routes.yaml names unknown services: " + routes.services());
        }
        Map<PlatformService, Path> jars = checkBuilt();
        Files.createDirectories(logs);
        int reaped = leftovers.reap();
        if (reaped > 0) {
            log("stopped " + reaped + " service process(es) left running by an earlier run that was killed");
        }
        checkPortsFree();
        leftovers.begin();

        ServiceKeyring keyring = ServiceKeyring.loadOrCreate(stateDir.resolve("keys.properties"),
                PlatformService.names());
        BootstrapAdminClient admin = BootstrapAdminClient.loadOrCreate(stateDir.resolve("admin-client.env"));
        bootstrapAdmin = admin;

        log("starting PostgreSQL");
        LocalDatabase db = LocalDatabase.start(env, stateDir, logs.resolve("postgres.log"));
        synchronized (lock) {
            database = db;
            abortIfStopping();
        }
        log("using " + db.description());

        log("starting " + String.join(", ", PlatformService.names()) + " (logs in " + logs + ")");
        for (PlatformService service : PlatformService.values()) {
            Path jar = jars.get(service);
            ClassDataArchive archive = ClassDataArchive.of(jar);
            List<String> jvmOptions = new ArrayList<>(options.serviceJvmOptions());
            jvmOptions.addAll(archive.jvmOptions(options.serviceJvmOptions()));
            ServiceProcess process = new ServiceProcess(service.serviceName(), SERVICE_HOST,
                    service.managementPort(options.portBase()), ServiceProcess.javaCommand(jvmOptions, jar),
                    environment(service, keyring, db), logs.resolve(service.serviceName() + ".log"));
            synchronized (lock) {
                abortIfStopping();
                services.add(process);
                archives.put(process, archive);
                process.start();
                leftovers.record(process.handle().orElseThrow());
            }
        }
        if (archives.values().stream().anyMatch(ClassDataArchive::training)) {
            log("first run of this build: each service writes its class-data archive when it stops, and later "
                    + "runs start faster");
        }
        awaitAllReady();
        for (ServiceProcess service : services) {
            if (archives.get(service).forgetIfRefused(service.logFile())) {
                log(service.name() + " could not use its class-data archive (the checkout moved, or its JVM options "
                        + "changed); the next run trains a new one");
            }
        }

        Map<String, SocketAddress> backends = new HashMap<>();
        for (PlatformService service : PlatformService.values()) {
            backends.put(service.serviceName(), SocketAddress.inetSocketAddress(service.port(options.portBase()),
                    SERVICE_HOST));
        }
        synchronized (lock) {
            abortIfStopping();
            vertx = Vertx.vertx(new VertxOptions()
                    .setEventLoopPoolSize(2)
                    .setWorkerPoolSize(2)
                    .setFileSystemOptions(new FileSystemOptions()
                            .setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
            if (options.publicUrl().startsWith("https://") && !options.tls() && options.trustedProxy() == null) {
                log("the public URL is https but the edge serves plain http: the services will refuse every "
                        + "request unless a TLS proxy in front of the edge is named with --trusted-proxy, or the "
                        + "edge serves TLS itself (--tls)");
            }
            EdgeCertificate certificate = options.tls()
                    ? EdgeCertificate.resolve(env, stateDir, options.publicUrl()) : null;
            edge = new EdgeProxy(vertx, routes, backends, options.trustedProxy())
                    .start(options.host(), options.edgePort(), certificate);
        }
    }

    /** Services boot concurrently; the first one that fails aborts the start with its log tail. */
    private void awaitAllReady() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(services.size(), runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-ready-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<String> ready = new ExecutorCompletionService<>(pool);
            for (ServiceProcess service : services) {
                ready.submit(() -> {
                    service.awaitReady(options.readyTimeout());
                    return service.name();
                });
            }
            for (int i = 0; i < services.size(); i++) {
                try {
                    String name = ready.take().get();
                    log(name + " ready");
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The environment the contracts file (and the Helm chart) gives each service. */
    private Map<String, String> environment(PlatformService service, ServiceKeyring keyring, LocalDatabase db) {
        Map<String, String> vars = new LinkedHashMap<>();
        // Loopback only: /internal/** and /q/** must not be reachable from the network, only through the edge's
        // routes (which never include them) or from siblings on this machine.
        vars.put("QUARKUS_HTTP_HOST", SERVICE_HOST);
        vars.put("QUARKUS_HTTP_PORT", Integer.toString(service.port(options.portBase())));
        vars.put("QUARKUS_MANAGEMENT_HOST", SERVICE_HOST);
        vars.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(service.managementPort(options.portBase())));
        vars.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        vars.put("QUARKUS_DATASOURCE_USERNAME", db.user());
        vars.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        vars.put("GATEHOUSE_PUBLIC_URL", options.publicUrl());
        vars.putAll(keyring.secretEnvironment(service));
        if (service == PlatformService.REGISTRATION) {
            vars.putAll(bootstrapAdmin.environment());
        }
        vars.put("GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS", keyring.trustedKeys(PlatformService.names()));
        vars.put("QUARKUS_REST_CLIENT_REGISTRATION_URL", serviceUrl(PlatformService.REGISTRATION));
        vars.put("QUARKUS_REST_CLIENT_AUTHORIZATION_URL", serviceUrl(PlatformService.AUTHORIZATION));
        vars.put("QUARKUS_REST_CLIENT_TOKEN_URL", serviceUrl(PlatformService.TOKEN));
        vars.put("QUARKUS_REST_CLIENT_RESOURCE_URL", serviceUrl(PlatformService.RESOURCE));
        // Plain text for a terminal, unless the launcher itself was started with QUARKUS_LOG_CONSOLE_JSON_ENABLED
        // (production's JSON lines, which every service then inherits, like any other QUARKUS_* variable).
        if (!env.containsKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED")) {
            vars.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        }
        if (service != PlatformService.TOKEN) {
            // Every other service verifies bearer tokens from token-service's JWKS (as in the Helm chart).
            vars.put("QUARKUS_OIDC_AUTH_SERVER_URL", serviceUrl(PlatformService.TOKEN));
        }
        return vars;
    }

    private String serviceUrl(PlatformService service) {
        return "http://" + SERVICE_HOST + ":" + service.port(options.portBase());
    }

    private void checkPortsFree() throws LaunchException {
        List<String> busy = new ArrayList<>();
        if (!free(options.host(), options.edgePort())) {
            busy.add(options.edgePort() + " (edge)");
        }
        for (PlatformService service : PlatformService.values()) {
            for (int port : new int[] {service.port(options.portBase()), service.managementPort(options.portBase())}) {
                if (!free(SERVICE_HOST, port)) {
                    busy.add(port + " (" + service.serviceName() + ")");
                }
            }
        }
        if (!busy.isEmpty()) {
            throw new LaunchException("Port(s) already in use: " + String.join(", ", busy)
                    + ". Is another Gatehouse running? Otherwise pick others with --port / --port-base.");
        }
    }

    private static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<PlatformService, Path> checkBuilt() throws LaunchException {
        Map<PlatformService, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            Path jar = ServiceProcess.jarOf(options.repoDir(), service.serviceName());
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
            jars.put(service, jar);
        }
        if (!missing.isEmpty()) {
            throw new LaunchException("Not built: " + String.join(", ", missing)
                    + ". Run ./run-local.sh --build (or mvn -B package -DskipTests) in " + options.repoDir());
        }
        return jars;
    }

    /** Blocks until the JVM exits; services that die meanwhile are reported and restarted. */
    private void runInForeground() {
        services.forEach(restartPolicy::watch);
        if (options.exitWithParent()) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
                log("parent process ended; stopping");
                System.exit(0);
            }));
        }
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the edge, then the services (SIGTERM, 10 s grace, then SIGKILL), then PostgreSQL. Idempotent. */
    public void stop() {
        stopping = true;
        restartPolicy.close();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (edge != null) {
                try {
                    edge.close();
                } catch (Exception e) {
                    log("edge did not close cleanly: " + e.getMessage());
                }
            }
            if (vertx != null) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log("edge event loop did not stop cleanly: " + e.getMessage());
                }
            }
            if (!services.isEmpty()) {
                log("stopping services");
                services.forEach(ServiceProcess::requestStop);
                boolean training = archives.values().stream().anyMatch(ClassDataArchive::training);
                if (training) {
                    log("writing class-data archives (once per build)");
                }
                Instant deadline = Instant.now().plus(training ? TRAINING_STOP_GRACE : STOP_GRACE);
                for (ServiceProcess service : services) {
                    keepArchive(service, service.awaitStopped(deadline));
                }
                leftovers.clear();
            }
            if (database != null) {
                try {
                    database.close();
                } catch (IOException e) {
                    log("PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }
            log("stopped");
        }
    }

    private void keepArchive(ServiceProcess service, boolean stoppedGracefully) {
        ClassDataArchive archive = archives.get(service);
        try {
            if (archive.keepIfComplete(service.wasReady(), stoppedGracefully)) {
                log(service.name() + " class-data archive written: " + archive.path());
            }
        } catch (IOException e) {
            log(service.name() + " class-data archive not kept: " + e.getMessage());
        }
    }

    private void recordRestarted(ProcessHandle process) {
        try {
            leftovers.record(process);
        } catch (IOException e) {
            log("could not record restarted process " + process.pid() + ": " + e.getMessage());
        }
    }

    private void abortIfStopping() throws LaunchException {
        if (stopping) {
            throw new LaunchException("stopped while starting");
        }
    }

    private static Path launcherJar() {
        try {
            Path location = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** Progress goes to stderr so that stdout carries only the ready line. */
    static void log(String message) {
        System.err.println("[gatehouse] " + message);
    }

    private static void configureLogging() {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
        System.setProperty("vertx.disableDnsResolver", "true");
        System.setProperty("java.util.logging.SimpleFormatter.format", "[gatehouse] %4$s %3$s: %5$s%6$s%n");
        Logger.getLogger("").setLevel(Level.WARNING);
    }
}
