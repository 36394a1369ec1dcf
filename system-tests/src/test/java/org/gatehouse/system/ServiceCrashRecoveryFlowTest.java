package org.gatehouse.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service killed with SIGKILL under load (as an OOM kill or a node failure would) loses nothing it acknowledged:
 * while client threads register apps and users, get, refresh and use tokens and create exposure profiles,
 * token-service is killed, the launcher restarts it (restartPolicy Always), and afterwards every acknowledged app
 * still authenticates, every acknowledged refresh token still works (and its predecessor is refused: the rotation
 * was kept), every acknowledged access token still verifies, every acknowledged profile is still there. During
 * the outage requests fail fast with the contract's 503 instead of hanging: every request has a client-side timeout
 * and none reaches it. (A 429 {@code rate_limited} is a correct, unacknowledged answer too.)
 */
@Tag("reliability")
class ServiceCrashRecoveryFlowTest {

    private static final String KILLED = "token-service";
    private static final int THREADS = 4;
    /** Generous for a loaded 2-core machine; a request that reaches it counts as hung. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);
    private static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(6);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(150);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static LocalRun run;

    @BeforeAll
    static void startPlatform() throws Exception {
        // One test client on one IP registers far more than a person would: lift the per-IP limits, keep the rest.
        run = LocalRun.start("ServiceCrashRecoveryFlowTest", LocalRun.env(
                "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_CAPACITY", "1000000",
                "GATEHOUSE_RATE_LIMIT_ROUTES_CLIENT_REGISTRATION_IP_CAPACITY", "1000000",
                "GATEHOUSE_RATE_LIMIT_ROUTES_AUTHENTICATE_IP_CAPACITY", "1000000"));
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    /** What the platform acknowledged with a 2xx; each must still hold after the crash. */
    private record App(String clientId, String secret) {
    }

    private record User(String userKey, String secret) {
    }

    /** One refresh-token family, used by one thread only so that no two rotations race. */
    private static final class Chain {
        final User user;
        volatile String accessToken;
        volatile String refreshToken;
        volatile String previousRefreshToken;
        /** A refresh whose answer was lost: either outcome is correct, so the chain is not checked further. */
        volatile boolean uncertain;

        Chain(User user, String accessToken, String refreshToken) {
            this.user = user;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
        }
    }

    private record Profile(String id, String name, Chain owner) {
    }

    private static final class Ledger {
        final List<App> apps = new CopyOnWriteArrayList<>();
        final List<String> clientTokens = new CopyOnWriteArrayList<>();
        final List<User> users = new CopyOnWriteArrayList<>();
        final List<Chain> chains = new CopyOnWriteArrayList<>();
        final List<Profile> profiles = new CopyOnWriteArrayList<>();
        final List<String> hung = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicInteger acknowledgedAfterKill = new AtomicInteger();
        volatile boolean killed;
        volatile long killedAtNanos;
    }

    @Test
    void handleWhenTokenServiceKilledMidLoadThenRestartedAndNothingAcknowledgedIsLost() throws Exception {
        Ledger ledger = new Ledger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread worker = new Thread(() -> work(ledger, running), "load-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }

        try {
            killMidLoadAndCheck(ledger, running, workers);
        } finally {
            running.set(false);
        }
    }

    private void killMidLoadAndCheck(Ledger ledger, AtomicBoolean running, List<Thread> workers) throws Exception {
        // Kill only once every kind of write has been acknowledged at least once (a cold JVM on a busy machine is slow).
        awaitCondition(WARM_UP_TIMEOUT, () -> !ledger.apps.isEmpty() && !ledger.clientTokens.isEmpty()
                && ledger.chains.size() >= THREADS && !ledger.profiles.isEmpty(), "every kind of request acknowledged");
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        ProcessHandle victim = serviceProcess(KILLED).orElseThrow(() -> new AssertionError(KILLED + " not running"));
        int acknowledgedBeforeKill = ledger.apps.size() + ledger.clientTokens.size() + ledger.chains.size();
        ledger.killedAtNanos = System.nanoTime();
        ledger.killed = true;
        assertTrue(victim.destroyForcibly(), "SIGKILL " + victim.pid());
        victim.onExit().get(10, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();

        ProcessHandle restarted = awaitRestartedAndReady(victim);
        System.out.printf("[system-tests] %s killed (pid %d), restarted as pid %d and ready after %.1f s%n", KILLED,
                victim.pid(), restarted.pid(), (System.nanoTime() - killedAt) / 1e9);
        int acknowledgedAtRecovery = ledger.acknowledgedAfterKill.get();
        Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
        awaitCondition(WARM_UP_TIMEOUT, () -> ledger.acknowledgedAfterKill.get() > acknowledgedAtRecovery,
                "requests acknowledged after the restart");
        running.set(false);
        for (Thread worker : workers) {
            worker.join(REQUEST_TIMEOUT.toMillis() * 3);
            assertTrue(!worker.isAlive(), worker.getName() + " still blocked");
        }
        System.out.println("[system-tests] load statuses " + ledger.statuses + ", dropped connections "
                + ledger.dropped + ", slowest " + ledger.slowestMillis + " ms; acknowledged: " + ledger.apps.size()
                + " apps, " + ledger.clientTokens.size() + " client tokens, " + ledger.users.size() + " users, "
                + ledger.chains.size() + " refresh chains, " + ledger.profiles.size() + " profiles");

        assertTrue(ledger.hung.isEmpty(), "requests hung past " + REQUEST_TIMEOUT + ": " + ledger.hung);
        assertTrue(ledger.unexpected.isEmpty(), "answers outside 2xx / 503 / 429 with JSON: " + ledger.unexpected);
        assertTrue(acknowledgedBeforeKill > 0, "load was running before the kill");
        assertTrue(ledger.acknowledgedAfterKill.get() > 0, "load succeeded again after the restart");
        assertTrue(ledger.statuses.getOrDefault(503, new AtomicInteger()).get() > 0,
                "the outage was seen by clients as 503 (the kill happened mid-load)");

        for (App app : ledger.apps) {
            Reply token = clientCredentials(app);
            assertEquals(200, token.status(), "acknowledged app " + app.clientId() + " lost: " + token.body());
            assertEquals(200, get("/api/v1/apps/verify_credentials", token.json().getString("access_token")).status());
        }
        for (String token : ledger.clientTokens) {
            Reply verified = get("/api/v1/apps/verify_credentials", token);
            assertEquals(200, verified.status(), "acknowledged client token refused: " + verified.body());
        }
        for (User user : ledger.users) {
            Reply authenticated = post("/authenticate", Map.of("user_key", user.userKey(), "user_secret", user.secret()));
            assertEquals(200, authenticated.status(), "acknowledged user lost: " + authenticated.body());
        }
        // Before the refresh checks below: reusing a rotated token revokes its family, access tokens included.
        for (Profile profile : ledger.profiles) {
            Reply found = get("/api/v1/exposure-profiles/" + profile.id(), profile.owner().accessToken);
            assertEquals(200, found.status(), "acknowledged exposure profile lost: " + found.body());
            assertEquals(profile.name(), found.json().getString("name"));
        }
        int checkedChains = 0;
        for (Chain chain : ledger.chains) {
            Reply account = get("/api/v1/accounts/verify_credentials", chain.accessToken);
            assertEquals(200, account.status(), "acknowledged access token refused by resource-service: "
                    + account.body());
            if (chain.uncertain) {
                continue;
            }
            Reply refreshed = post("/refresh", Map.of("refresh_token", chain.refreshToken));
            assertEquals(200, refreshed.status(), "acknowledged refresh token lost: " + refreshed.body());
            if (chain.previousRefreshToken != null) {
                Reply reused = post("/refresh", Map.of("refresh_token", chain.previousRefreshToken));
                assertEquals(400, reused.status(), "a rotated refresh token came back to life: " + reused.body());
                assertEquals("invalid_grant", reused.json().getString("error"));
            }
            checkedChains++;
        }
        assertTrue(checkedChains > 0, "at least one refresh chain was checked");
    }

    /** One client thread: a mix of writes on three services and token traffic on the one that gets killed. */
    private static void work(Ledger ledger, AtomicBoolean running) {
        List<Chain> mine = new ArrayList<>();
        for (int i = 0; running.get(); i++) {
            switch (i % 6) {
                case 0 -> registerApp(ledger);
                case 1, 4 -> clientToken(ledger);
                case 2 -> registerUser(ledger, mine);
                case 3 -> refresh(ledger, mine);
                default -> createProfile(ledger, mine);
            }
        }
    }

    private static void registerApp(Ledger ledger) {
        Reply reply = call(ledger, "POST", "/api/v1/apps", null, Map.of("client_name", "crash-" + OAuthClient.random(),
                "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read write"));
        if (reply.ok()) {
            ledger.apps.add(new App(reply.json().getString("client_id"), reply.json().getString("client_secret")));
            acknowledged(ledger);
        }
    }

    private static void clientToken(Ledger ledger) {
        if (ledger.apps.isEmpty()) {
            return;
        }
        App app = ledger.apps.get(ThreadLocalRandom.current().nextInt(ledger.apps.size()));
        Reply reply = record(ledger, "POST /oauth/token", () -> clientCredentials(app));
        if (reply.ok()) {
            ledger.clientTokens.add(reply.json().getString("access_token"));
            acknowledged(ledger);
        }
    }

    private static void registerUser(Ledger ledger, List<Chain> mine) {
        WebUser person = WebUser.random("crash");
        Reply registered = call(ledger, "POST", "/register", null,
                Map.of("user_id", person.username(), "user_secret", person.password()));
        if (!registered.ok()) {
            return;
        }
        User user = new User(registered.json().getString("user_key"), person.password());
        ledger.users.add(user);
        acknowledged(ledger);
        Reply tokens = call(ledger, "POST", "/authenticate", null,
                Map.of("user_key", user.userKey(), "user_secret", user.secret()));
        if (tokens.ok()) {
            Chain chain = new Chain(user, tokens.json().getString("access_token"),
                    tokens.json().getString("refresh_token"));
            mine.add(chain);
            ledger.chains.add(chain);
            acknowledged(ledger);
        }
    }

    private static void refresh(Ledger ledger, List<Chain> mine) {
        Optional<Chain> usable = mine.stream().filter(c -> !c.uncertain).findAny();
        if (usable.isEmpty()) {
            return;
        }
        Chain chain = usable.get();
        Reply reply = call(ledger, "POST", "/refresh", null, Map.of("refresh_token", chain.refreshToken));
        if (reply.ok()) {
            chain.previousRefreshToken = chain.refreshToken;
            chain.refreshToken = reply.json().getString("refresh_token");
            chain.accessToken = reply.json().getString("access_token");
            acknowledged(ledger);
        } else {
            // Even the edge's 503 may come after token-service received the request and died: the rotation may or
            // may not have been committed, and both outcomes are correct.
            chain.uncertain = true;
        }
    }

    private static void createProfile(Ledger ledger, List<Chain> mine) {
        if (mine.isEmpty()) {
            return;
        }
        Chain owner = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
        String name = "crash-profile-" + OAuthClient.random().substring(0, 8);
        Reply reply = call(ledger, "POST", "/api/v1/exposure-profiles", owner.accessToken,
                Map.of("name", name, "permissions", List.of("read:nodes")));
        if (reply.ok()) {
            ledger.profiles.add(new Profile(reply.json().getString("id"), name, owner));
            acknowledged(ledger);
        }
    }

    private static void acknowledged(Ledger ledger) {
        if (ledger.killed) {
            ledger.acknowledgedAfterKill.incrementAndGet();
        }
    }

    private static Reply call(Ledger ledger, String method, String path, String bearer, Map<String, ?> json) {
        return record(ledger, method + " " + path, () -> send(method, path, bearer, json));
    }

    /**
     * Sends, times and classifies one load request. A timeout is a hang; a dropped connection (the edge losing its
     * backend mid-answer) is an unacknowledged request; an answer must be 2xx or the contract's 503.
     */
    private static Reply record(Ledger ledger, String what, IoCall call) {
        long started = System.nanoTime();
        try {
            Reply reply = call.send();
            ledger.statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            boolean contract503 = reply.status() == 503 && reply.body().contains("\"temporarily_unavailable\"");
            boolean contract429 = reply.status() == 429 && reply.body().contains("\"rate_limited\"");
            if (!reply.ok() && !contract503 && !contract429) {
                ledger.unexpected.add(what + " -> " + reply.status() + " " + reply.body());
            }
            if (!reply.ok()) {
                backOff();
            }
            return reply;
        } catch (HttpTimeoutException e) {
            long sinceKill = ledger.killedAtNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(started - ledger.killedAtNanos);
            ledger.hung.add(what + " (sent " + (sinceKill < 0 ? "before the kill" : sinceKill + " ms after the kill")
                    + ")");
            return Reply.NONE;
        } catch (IOException e) {
            ledger.dropped.incrementAndGet();
            backOff();
            return Reply.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.NONE;
        } finally {
            ledger.slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
        }
    }

    /** A client retrying later, as the 503's Retry-After asks, rather than spinning while the service restarts. */
    private static void backOff() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface IoCall {
        Reply send() throws IOException, InterruptedException;
    }

    private record Reply(int status, String body) {
        static final Reply NONE = new Reply(-1, "");

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    private static Reply clientCredentials(App app) throws IOException, InterruptedException {
        String form = OAuthClient.query("grant_type", "client_credentials", "scope", "read");
        return exchange(HttpRequest.newBuilder(URI.create(run.publicUrl + "/oauth/token"))
                .header("Authorization", OAuthClient.basic(app.clientId(), app.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static Reply get(String path, String bearer) throws IOException, InterruptedException {
        return send("GET", path, bearer, null);
    }

    private static Reply post(String path, Map<String, ?> json) throws IOException, InterruptedException {
        return send("POST", path, null, json);
    }

    private static Reply send(String method, String path, String bearer, Map<String, ?> json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.publicUrl + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(json)));
        }
        return exchange(request);
    }

    private static Reply exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }

    private static String toJson(Map<String, ?> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            if (value instanceof List<?> list) {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    json.append(i > 0 ? "," : "").append('"').append(list.get(i)).append('"');
                }
                json.append(']');
            } else {
                json.append('"').append(value).append('"');
            }
        });
        return json.append('}').toString();
    }

    private static void awaitCondition(Duration timeout, BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The service's JVM among the launcher's descendants. */
    private static Optional<ProcessHandle> serviceProcess(String service) {
        String jar = service + "/target/quarkus-app/quarkus-run.jar";
        return run.process.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(jar))
                .findFirst();
    }

    /** Waits for the launcher to start a new process for the service and for that process to be ready. */
    private static ProcessHandle awaitRestartedAndReady(ProcessHandle killed) throws InterruptedException {
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        URI ready = URI.create(run.managementUrl(KILLED) + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> current = serviceProcess(KILLED);
            if (current.isPresent() && current.get().pid() != killed.pid()) {
                try {
                    HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(ready)
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (health.statusCode() == 200) {
                        assertNotEquals(killed.pid(), current.get().pid());
                        return current.get();
                    }
                } catch (IOException notYet) {
                    // Still booting.
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(KILLED + " was not restarted and ready within " + RESTART_TIMEOUT.toSeconds()
                + " s. Launcher output:\n" + run.output());
    }
}
