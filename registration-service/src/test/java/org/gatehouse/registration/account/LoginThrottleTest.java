package org.gatehouse.registration.account;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.gatehouse.registration.testing.CountingPasswordHasher;
import org.gatehouse.registration.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one brute-force counter of every password check ({@code POST /internal/accounts/authenticate}, which the login
 * page and {@code /authenticate} both call): 10 attempts per account (ARCHITECTURE.md "Throttling defaults"), 5 per
 * client IP here (100 in production).
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.FivePerIp.class)
class LoginThrottleTest {

    private static final String AUTHENTICATE = "/internal/accounts/authenticate";
    private static final int PER_ACCOUNT = 10;

    public static class FivePerIp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registration.login-throttle.max-failures-per-ip", "5");
        }
    }

    @Inject
    CountingPasswordHasher hasher;

    /**
     * "The login throttle races": the failure count used to be read, the password checked and the failure recorded
     * afterwards, so attempts arriving together all passed the count (60 parallel wrong passwords got 14 checked).
     * Each attempt is now reserved before its check: of 50 at once, each from its own address, at most 10 run
     * Argon2id and every other one is refused with 429 before any hashing; the right password then waits too.
     */
    @Test
    void authenticateWhenFiftyConcurrentWrongPasswordsForOneAccountThenAtMostTenArgon2ChecksRun() throws Exception {
        TestAccounts.Account account = TestAccounts.create("Burst");
        int burst = 50;
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            guesses.add("wrong-guess-" + i + "-" + account.username());
        }
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String guess = guesses.get(i);
                String ip = "198.51.100." + (i + 1);
                futures.add(pool.submit(() -> {
                    start.await();
                    return authenticate(Map.of("username", account.username(), "password", guess), ip);
                }));
            }
            start.countDown();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        long checks = guesses.stream().mapToLong(g -> hasher.verificationsOf(g).size()).sum();
        System.out.printf("LOGIN-THROTTLE %d concurrent wrong passwords for one account: %d checked%n", burst, checks);
        long wrong = answers.stream().filter(a -> a.statusCode() == 401).count();
        long refused = answers.stream().filter(a -> a.statusCode() == 429).count();
        assertTrue(checks <= PER_ACCOUNT, checks + " Argon2id checks ran for one account, at most 10 may");
        assertEquals(checks, wrong, "every check answered as a wrong password, every other attempt refused");
        assertEquals(burst, wrong + refused, "only 401 and 429, never 5xx");
        for (Response answer : answers) {
            if (answer.statusCode() == 429) {
                assertEquals("rate_limited", answer.path("error"));
                assertNotNull(answer.header("Retry-After"));
            }
        }

        // An attempt refused for want of a hashing slot (a slow machine) was given back: the rest of the ten are
        // still there, and then the account is locked, for the right password too.
        for (long i = checks; i < PER_ACCOUNT; i++) {
            assertEquals(401, authenticate(Map.of("username", account.username(), "password", "late-" + i), null)
                    .statusCode());
        }
        Response right = authenticate(Map.of("username", account.username(), "password", account.password()), null);
        assertEquals(429, right.statusCode(), "locked means locked, for the right password too");
    }

    /**
     * A burst of wrong passwords for one account must cost its sender, not other users: it used to queue at the
     * hashing slots until the login page's call timed out, and the burst and everyone signing in meanwhile got 503.
     * While two checks of the account are in flight (held here before their hashing slot), each of 20 more is
     * refused with 429 at once, having waited for no slot and done no Argon2id work, and another account signs in.
     */
    @Test
    void authenticateWhenTwentyConcurrentWrongPasswordsForOneAccountThenTheExcessRefusedAtOnceAndAnotherAccountSignsIn()
            throws Exception {
        TestAccounts.Account victim = TestAccounts.create("Held");
        TestAccounts.Account bystander = TestAccounts.create("Bystander");
        int inFlight = 2;
        int burst = 20 + inFlight;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        List<Future<Attempt>> attempts = new ArrayList<>();
        try (CountingPasswordHasher.Hold hold = hasher.hold("held-")) {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < burst; i++) {
                String guess = "held-" + i + "-" + victim.username();
                attempts.add(pool.submit(() -> {
                    start.await();
                    long sent = System.nanoTime();
                    Response answer = authenticate(Map.of("username", victim.username(), "password", guess), null);
                    return new Attempt(guess, answer, (System.nanoTime() - sent) / 1_000_000);
                }));
            }
            start.countDown();

            assertTrue(hold.awaitHeld(inFlight, Duration.ofSeconds(60)), "two checks of the account in flight");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (attempts.stream().filter(Future::isDone).count() < burst - inFlight && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<Attempt> refused = new ArrayList<>();
            for (Future<Attempt> attempt : attempts) {
                if (attempt.isDone()) {
                    refused.add(attempt.get());
                }
            }
            assertEquals(burst - inFlight, refused.size(), "every check beyond the two in flight answered meanwhile");
            assertEquals(inFlight, hold.held(), "no third check of the account reached the hasher");
            for (Attempt attempt : refused) {
                assertEquals(429, attempt.answer().statusCode());
                assertEquals("rate_limited", attempt.answer().path("error"));
                assertEquals("1", attempt.answer().header("Retry-After"));
                assertTrue(hasher.verificationsOf(attempt.guess()).isEmpty(), "no Argon2id work for a refusal");
            }
            System.out.printf("LOGIN-THROTTLE %d concurrent wrong passwords for one account, %d in flight: %d refused "
                            + "at once (slowest answer %d ms)%n", burst, inFlight, refused.size(),
                    refused.stream().mapToLong(Attempt::tookMillis).max().orElse(0));

            assertEquals(200, authenticate(Map.of("username", bystander.username(), "password", bystander.password()),
                    null).statusCode(), "another account signs in while the burst's checks are in flight");
        }
        // Released, the two in flight are checked and answered as wrong passwords.
        List<Attempt> all = new ArrayList<>();
        try {
            for (Future<Attempt> attempt : attempts) {
                all.add(attempt.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(inFlight, all.stream().filter(a -> a.answer().statusCode() == 401).count());
        assertEquals(inFlight, all.stream().mapToLong(a -> hasher.verificationsOf(a.guess()).size()).sum());
    }

    private record Attempt(String guess, Response answer, long tookMillis) {
    }

    /** The login page names the account, {@code /authenticate} its key: their failures add up in one counter. */
    @Test
    void authenticateWhenFailuresSplitBetweenUsernameAndUserKeyThenOneCounterLocksTheAccount() {
        TestAccounts.Account account = TestAccounts.create("Shared");
        for (int i = 0; i < PER_ACCOUNT / 2; i++) {
            assertEquals(401, authenticate(Map.of("username", account.username().toUpperCase(),
                    "password", "wrong-by-name-" + i), null).statusCode());
            assertEquals(401, authenticate(Map.of("user_key", account.userKey(),
                    "password", "wrong-by-key-" + i), null).statusCode());
        }
        Response byKey = authenticate(Map.of("user_key", account.userKey(), "password", account.password()), null);
        assertEquals(429, byKey.statusCode());
        assertEquals("10", byKey.header("RateLimit-Limit"));
        assertEquals("0", byKey.header("RateLimit-Remaining"));
        long retryAfter = Long.parseLong(byKey.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals(byKey.header("Retry-After"), byKey.header("RateLimit-Reset"));
        assertEquals(429, authenticate(Map.of("username", account.username(), "password", account.password()), null)
                .statusCode());
    }

    @Test
    void authenticateWhenRightPasswordAfterFailuresThenTheAccountStartsOver() {
        TestAccounts.Account account = TestAccounts.create("Recover");
        for (int i = 0; i < PER_ACCOUNT - 1; i++) {
            assertEquals(401, authenticate(Map.of("username", account.username(), "password", "wrong-" + i), null)
                    .statusCode());
        }
        assertEquals(200, authenticate(Map.of("username", account.username(), "password", account.password()), null)
                .statusCode());
        for (int i = 0; i < PER_ACCOUNT - 1; i++) {
            assertEquals(401, authenticate(Map.of("username", account.username(), "password", "again-" + i), null)
                    .statusCode(), "failure " + i + " after the reset");
        }
        assertEquals(200, authenticate(Map.of("username", account.username(), "password", account.password()), null)
                .statusCode());
    }

    /** An unknown name locks like a known one, so a lockout does not tell whether the account exists. */
    @Test
    void authenticateWhenUnknownNameFailsTenTimesThenLockedLikeAnAccount() {
        String unknown = TestAccounts.uniqueUsername("nobody");
        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertEquals(401, authenticate(Map.of("username", unknown, "password", "wrong-" + i), null).statusCode());
        }
        Response locked = authenticate(Map.of("username", unknown, "password", "wrong-again"), null);
        assertEquals(429, locked.statusCode());
        assertEquals("10", locked.header("RateLimit-Limit"));
    }

    /**
     * Password spraying: failures over many accounts from one address lock that address, for a right password
     * too, while the same account still signs in from elsewhere; a success from an address gives its attempt back.
     */
    @Test
    void authenticateWhenOneIpFailsAcrossManyAccountsThenThatIpRefusedAndOtherIpsNot() {
        TestAccounts.Account target = TestAccounts.create("Sprayed");
        String attacker = "203.0.113.66";
        assertEquals(200, authenticate(Map.of("username", target.username(), "password", target.password()), attacker)
                .statusCode(), "a success does not use up the address's attempts");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, authenticate(Map.of("username", TestAccounts.uniqueUsername("spray" + i),
                    "password", "wrong-" + i), attacker).statusCode());
        }
        Response refused = authenticate(Map.of("username", target.username(), "password", target.password()), attacker);
        assertEquals(429, refused.statusCode());
        assertEquals("5", refused.header("RateLimit-Limit"));
        assertEquals(200, authenticate(Map.of("username", target.username(), "password", target.password()),
                "198.51.100.7").statusCode(), "the account itself is not locked");
    }

    private static Response authenticate(Map<String, String> credentials, String clientIp) {
        Map<String, String> body = new HashMap<>(credentials);
        if (clientIp != null) {
            body.put("client_ip", clientIp);
        }
        return given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(body)
                .when().post(AUTHENTICATE);
    }
}
