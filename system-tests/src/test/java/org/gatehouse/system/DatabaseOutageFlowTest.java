package org.gatehouse.system;

import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Readiness tells the truth about the database: when PostgreSQL goes away every service reports DOWN (so
 * Kubernetes stops routing to it), and when it comes back every service recovers without a restart.
 */
class DatabaseOutageFlowTest {

    private static Path dataDir;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static LocalRun run;

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
    void handleWhenDatabaseStopsThenEveryServiceNotReadyAndRecoversWhenItReturns() throws IOException {
        for (String service : LocalRun.SERVICES) {
            assertEquals(200, ready(service).statusCode(), service + " not ready before the outage");
        }

        postgres.close();
        postgres = null;

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String service : LocalRun.SERVICES) {
                Response response = ready(service);
                assertEquals(503, response.statusCode(), service + " still ready without its database");
                assertEquals("DOWN", response.jsonPath().getString("status"), service);
            }
        });

        postgres = startPostgres();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String service : LocalRun.SERVICES) {
                Response response = ready(service);
                assertEquals(200, response.statusCode(), service + " did not recover: " + response.asString());
                assertEquals("UP", response.jsonPath().getString("status"), service);
            }
        });
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
        return given().baseUri(run.serviceUrl(service)).when().get("/q/health/ready");
    }
}
