package org.gatehouse.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A raised rate limit takes effect after a restart. An operator who raised a per-IP capacity during an incident and
 * restarted the platform used to keep getting 429, because the bucket stored in PostgreSQL kept the capacity it was
 * created with. Here the platform runs twice against one database, with the sign-up capacity raised in between.
 */
class RateLimitRestartFlowTest {

    private static Path dataDir;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws Exception {
        dataDir = Files.createTempDirectory("gatehouse-limits-pgdata-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        LocalRun.deleteTree(dataDir);
    }

    @Test
    void registerWhenSignupCapacityRaisedBetweenTwoStartsThenTheNewCapacityHoldsForTheSpentAddress()
            throws Exception {
        Path workDir;
        try (LocalRun first = start("RateLimitRestartFlowTest-first", null, 2)) {
            workDir = first.workDir;
            signUp(first).then().statusCode(201).header("RateLimit-Limit", "2");
            signUp(first).then().statusCode(201).header("RateLimit-Remaining", "0");
            signUp(first).then().statusCode(429).header("RateLimit-Limit", "2");
        }
        try (LocalRun second = start("RateLimitRestartFlowTest-second", workDir, 5)) {
            // The same address (the edge's peer, 127.0.0.1) and the same bucket: the raise adds three requests.
            for (int i = 0; i < 3; i++) {
                signUp(second).then().statusCode(201).header("RateLimit-Limit", "5");
            }
            signUp(second).then().statusCode(429).header("RateLimit-Limit", "5").header("RateLimit-Remaining", "0");
        }
    }

    /** A second start reuses the first one's working directory, as an operator's restart does (same keyring). */
    private static LocalRun start(String name, Path workDir, int signupCapacity) throws Exception {
        Map<String, String> env = LocalRun.env(
                "GATEHOUSE_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "GATEHOUSE_DB_USER", "postgres",
                "GATEHOUSE_DB_PASSWORD", "postgres",
                "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_CAPACITY", Integer.toString(signupCapacity),
                "GATEHOUSE_RATE_LIMIT_ROUTES_SIGNUP_IP_PERIOD", "1h");
        return workDir == null ? LocalRun.start(name, env) : LocalRun.start(name, workDir, env);
    }

    private static Response signUp(LocalRun run) {
        WebUser user = WebUser.random("limit");
        return given().baseUri(run.publicUrl).contentType(ContentType.JSON)
                .body(Map.of("user_id", user.username(), "user_secret", user.password()))
                .post("/register");
    }
}
