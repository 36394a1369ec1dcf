package org.gatehouse.system;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness tells the truth about the database: when PostgreSQL goes away for 10 s every service reports DOWN (so
 * Kubernetes stops routing to it) and its public requests get the contract's 503 instead of hanging, and within 15 s
 * of the database's return every service is ready and serving again, without a restart.
 */
@Tag("reliability")
class DatabaseOutageFlowTest {

    private static Path dataDir;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static LocalRun run;
    private static final Map<String, String> userKeys = new HashMap<>();
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(15);
    /** An answer during the outage must come within this; set-up calls on a cold, busy machine get longer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static Duration timeout = SETUP_TIMEOUT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void startPlatformOnOwnDatabase() throws Exception {
        dataDir = Files.createTempDirectory("gatehouse-outage-pgdata-");
        postgresPort = LocalRun.freePort();
        postgres = startPostgres();
        run = LocalRun.start("DatabaseOutageFlowTest", LocalRun.env(
                "GATEHOUSE_DB_URL", "jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                "GATEHOUSE_DB_USER", "postgres",
                "GATEHOUSE_DB_PASSWORD", "postgres"));
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (run != null) {
            run.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        LocalRun.deleteTree(dataDir);
    }

    @Test
    void handleWhenDatabaseStopsForTenSecondsThenNotReadyRequestsGet503AndAllRecoverWithin15Seconds()
            throws Exception {
        for (String service : LocalRun.SERVICES) {
            assertEquals(200, ready(service).statusCode(), service + " not ready before the outage");
        }
        String[] app = registerApp().orElseThrow(() -> new AssertionError("no app before the outage"));
        WebUser user = WebUser.random("outage");
        String accessToken = userAccessToken(user);

        postgres.close();
        postgres = null;
        long stopped = System.nanoTime();
        timeout = REQUEST_TIMEOUT;

        await().atMost(OUTAGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String service : LocalRun.SERVICES) {
                Response response = ready(service);
                assertEquals(503, response.statusCode(), service + " still ready without its database");
                assertEquals("DOWN", response.jsonPath().getString("status"), service);
            }
        });
        // Every service that needs the database answers the contract's 503, in bounded time, on its public routes.
        List<Reply> during = List.of(
                send("POST", "/api/v1/apps", null, "application/json",
                        "{\"client_name\":\"outage\",\"redirect_uris\":\"urn:ietf:wg:oauth:2.0:oob\"}"),
                clientCredentials(app),
                send("POST", "/authenticate", null, "application/json", credentials(user)),
                send("GET", "/api/v1/nodes", accessToken, null, null),
                send("GET", "/api/v1/exposure-profiles", accessToken, null, null));
        for (Reply reply : during) {
            assertEquals(503, reply.status(), reply.what() + " during the outage: " + reply.body());
            assertTrue(reply.body().contains("\"temporarily_unavailable\""), reply.what() + ": " + reply.body());
        }
        long outageMillis = OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stopped).toMillis();
        if (outageMillis > 0) {
            Thread.sleep(outageMillis);
        }

        postgres = startPostgres();
        long returned = System.nanoTime();

        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String service : LocalRun.SERVICES) {
                Response response = ready(service);
                assertEquals(200, response.statusCode(), service + " did not recover: " + response.asString());
                assertEquals("UP", response.jsonPath().getString("status"), service);
            }
            assertEquals(200, clientCredentials(app).status(), "token issuance after the outage");
            assertEquals(200, send("GET", "/api/v1/nodes", accessToken, null, null).status(), "nodes");
            assertEquals(200, send("GET", "/api/v1/exposure-profiles", accessToken, null, null).status(), "profiles");
            assertTrue(registerApp().isPresent(), "app registration after the outage");
            assertEquals(200, send("POST", "/authenticate", null, "application/json", credentials(user)).status(),
                    "authenticate after the outage");
        });
        System.out.printf("[system-tests] database down %.1f s; everything recovered %.1f s after it returned%n",
                (returned - stopped) / 1e9, (System.nanoTime() - returned) / 1e9);
    }

    private record Reply(String what, int status, String body) {
    }

    private static Optional<String[]> registerApp() throws Exception {
        Reply reply = send("POST", "/api/v1/apps", null, "application/json",
                "{\"client_name\":\"outage\",\"redirect_uris\":\"urn:ietf:wg:oauth:2.0:oob\",\"scopes\":\"read\"}");
        if (reply.status() != 200) {
            return Optional.empty();
        }
        JsonPath json = JsonPath.from(reply.body());
        return Optional.of(new String[] {json.getString("client_id"), json.getString("client_secret")});
    }

    private static Reply clientCredentials(String[] app) throws Exception {
        return send("POST", "/oauth/token", OAuthClient.basic(app[0], app[1]), "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=read");
    }

    private static String credentials(WebUser user) {
        return "{\"user_key\":\"" + userKeys.get(user.username()) + "\",\"user_secret\":\"" + user.password() + "\"}";
    }

    private static String userAccessToken(WebUser user) throws Exception {
        Reply registered = send("POST", "/register", null, "application/json",
                "{\"user_id\":\"" + user.username() + "\",\"user_secret\":\"" + user.password() + "\"}");
        assertEquals(201, registered.status(), registered.body());
        userKeys.put(user.username(), JsonPath.from(registered.body()).getString("user_key"));
        Reply tokens = send("POST", "/authenticate", null, "application/json", credentials(user));
        assertEquals(200, tokens.status(), tokens.body());
        return JsonPath.from(tokens.body()).getString("access_token");
    }

    /**
     * Through the edge with a client-side timeout: an outage must produce an answer, not a hang. {@code credential}
     * is a full Authorization value when it has a scheme, else a bearer token.
     */
    private static Reply send(String method, String path, String credential, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.publicUrl + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            request.header("Authorization", credential.contains(" ") ? credential : "Bearer " + credential);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(method + " " + path, response.statusCode(), response.body());
    }

    /** Same port, same data directory: to the services it is the same database coming back. */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
    }

    private static Response ready(String service) {
        return given().baseUri(run.managementUrl(service)).when().get("/q/health/ready");
    }
}
