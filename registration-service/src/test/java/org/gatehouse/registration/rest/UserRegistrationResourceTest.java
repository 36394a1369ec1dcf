package org.gatehouse.registration.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.gatehouse.registration.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class UserRegistrationResourceTest {

    private static final String PASSWORD = "violet-harbour-lantern-42";
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenJsonRegistrationThen201WithOnlyUserKey() {
        String username = TestAccounts.uniqueUsername("reg");
        Map<String, Object> body = register(Map.of("user_id", username, "user_secret", PASSWORD))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("user_key", matchesPattern("uk_[A-Za-z0-9_-]{22}"))
                .extract().jsonPath().getMap("$");
        assertThat(body.keySet(), hasSize(1));
        assertFalse(body.toString().contains(PASSWORD));
    }

    @Test
    void handleWhenFormRegistrationThen201() {
        given().contentType(ContentType.URLENC)
                .formParam("user_id", TestAccounts.uniqueUsername("form"))
                .formParam("user_secret", PASSWORD)
                .when().post("/register")
                .then().statusCode(201)
                .body("user_key", notNullValue());
    }

    @Test
    void handleWhenUserIdTakenThen409ConflictWhateverTheCase() {
        String username = TestAccounts.uniqueUsername("Dup");
        register(Map.of("user_id", username, "user_secret", PASSWORD)).statusCode(201);
        assertError(register(Map.of("user_id", username, "user_secret", "another-long-passphrase")), 409, "conflict");
        assertError(register(Map.of("user_id", username.toUpperCase(), "user_secret", PASSWORD)), 409, "conflict");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "elevenchars", "password1234", "Password1234", "qwertyuiop123", "1q2w3e4r5t6y",
            "aaaaaaaaaaaaaaaa", ""})
    void handleWhenPasswordWeakThen400InvalidRequest(String password) {
        assertError(register(Map.of("user_id", TestAccounts.uniqueUsername("weak"), "user_secret", password)),
                400, "invalid_request");
    }

    @Test
    void handleWhenPasswordEqualsUserIdThen400InvalidRequest() {
        String username = TestAccounts.uniqueUsername("SameAsUser");
        assertError(register(Map.of("user_id", username, "user_secret", username.toLowerCase())), 400, "invalid_request")
                .body("error_description", containsString("same as the username"));
    }

    @Test
    void handleWhenPasswordTooShortThenDescriptionSaysWhy() {
        assertError(register(Map.of("user_id", TestAccounts.uniqueUsername("short"), "user_secret", "tiny")),
                400, "invalid_request")
                .body("error_description", containsString("at least 12 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "émile", "a/b", "x123456789012345678901234567890123"})
    void handleWhenUserIdNotAUsernameThen400InvalidRequest(String userId) {
        assertError(register(Map.of("user_id", userId, "user_secret", PASSWORD)), 400, "invalid_request")
                .body("error_description", containsString("user_id"));
    }

    @Test
    void handleWhenUserIdIsAnEmailAddressThen201AndSignsInByAddressInAnyCaseAndByUserKey() {
        String address = TestAccounts.uniqueAddress("Alice.Liddell+tea");
        String userKey = register(Map.of("user_id", address, "user_secret", PASSWORD))
                .statusCode(201)
                .extract().path("user_key");

        for (Map<String, String> credentials : List.of(
                Map.of("username", address.toLowerCase(), "password", PASSWORD),
                Map.of("username", address.toUpperCase(), "password", PASSWORD),
                Map.of("user_key", userKey, "password", PASSWORD))) {
            given().header("Authorization", TestAccounts.fromAuthorizationService())
                    .contentType(ContentType.JSON)
                    .body(credentials)
                    .when().post("/internal/accounts/authenticate")
                    .then().statusCode(200)
                    .body("username", equalTo(address))
                    .body("email", equalTo(address));
        }
    }

    @Test
    void handleWhenUserIdIsA254CharacterAddressThen201And255Then400() {
        String local = TestAccounts.uniqueUsername("long") + "x".repeat(64 - 13);
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63 - 8) + ".example";
        String longest = local + "@" + domain.substring(0, 254 - local.length() - 1);
        assertThat(longest.length(), is(254));
        register(Map.of("user_id", longest, "user_secret", PASSWORD)).statusCode(201);
        assertError(register(Map.of("user_id", "y" + longest, "user_secret", PASSWORD)), 400, "invalid_request");
    }

    @Test
    void handleWhenAddressTakenInAnotherCaseThen409Conflict() {
        String address = TestAccounts.uniqueAddress("Dup");
        register(Map.of("user_id", address, "user_secret", PASSWORD)).statusCode(201);
        assertError(register(Map.of("user_id", address.toLowerCase(), "user_secret", "another-long-passphrase")),
                409, "conflict");
        assertError(register(Map.of("user_id", address.toUpperCase(), "user_secret", PASSWORD)), 409, "conflict");
    }

    /**
     * Duplicate-account race: two sign-ups of one address that differ only in case, sent at the same moment, must
     * not both pass the pre-insert check; the unique index on the normalised name decides.
     */
    @Test
    void handleWhenConcurrentSignUpsOfOneAddressInTwoCasesThenExactlyOne201() throws Exception {
        String mixed = TestAccounts.uniqueAddress("Alice");
        List<Integer> codes = concurrently(List.of(mixed, mixed.toLowerCase()));
        assertThat(codes.stream().filter(code -> code == 201).count(), is(1L));
        assertThat(codes.stream().filter(code -> code != 201).toList(), everyItem(is(409)));
        assertThat(count("select count(*) from registration.account where username_key = ?", mixed.toLowerCase()),
                is(1L));
    }

    /**
     * Look-alike and malformed addresses: a Cyrillic letter, a fullwidth letter or a control character would name
     * an account that reads like someone else's; quoted local parts, IP literals and dotless domains are refused too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"alice@", "@example.com", "alice@example", "alice@@example.com", "a b@example.com",
            "alice@exa mple.com", "\u00e1lice@example.com", "alice@ex\u0430mple.com", "\uff41lice@example.com",
            "alice\u0000@example.com", "alice@example.com\n", " alice@example.com", ".alice@example.com",
            "alice.@example.com", "alice..b@example.com", "alice@-example.com", "alice@example-.com",
            "alice@example..com", "alice@1.2.3.4", "\"quoted\"@example.com", "alice@[127.0.0.1]",
            "alice@example.com.", "alice(comment)@example.com"})
    void handleWhenUserIdIsNotAUsableAddressThen400InvalidRequest(String userId) {
        assertError(register(Map.of("user_id", userId, "user_secret", PASSWORD)), 400, "invalid_request")
                .body("error_description", containsString("user_id"));
    }

    @Test
    void handleWhenSecretIs10000CharactersThen400WithoutHashing() {
        long start = System.nanoTime();
        assertError(register(Map.of("user_id", TestAccounts.uniqueUsername("long"), "user_secret", "x".repeat(10_000))),
                400, "invalid_request")
                .body("error_description", containsString("at most 1024"));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
    }

    @Test
    void handleWhenMalformedJsonThen400InvalidRequest() {
        assertError(given().contentType(ContentType.JSON).body("{\"user_id\": \"x\", ")
                .when().post("/register").then(), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "{\"user_id\": {}, \"user_secret\": \"violet-harbour-lantern-42\"}",
            "{\"user_id\": \"alice\", \"user_secret\": [\"a\"]}"})
    void handleWhenJsonOfWrongShapeThen400InvalidRequest(String body) {
        assertError(given().contentType(ContentType.JSON).body(body).when().post("/register").then(),
                400, "invalid_request");
    }

    @Test
    void handleWhenEmptyBodyThen400InvalidRequest() {
        assertError(given().contentType(ContentType.JSON).body("").when().post("/register").then(),
                400, "invalid_request");
        assertError(given().contentType(ContentType.JSON).body("{}").when().post("/register").then(),
                400, "invalid_request");
    }

    @Test
    void handleWhenTextPlainThen415Json() {
        assertError(given().contentType(ContentType.TEXT).body("user_id=alice&user_secret=x")
                .when().post("/register").then(), 415, "unsupported_media_type");
    }

    @Test
    void handleWhenFiftyConcurrentRegistrationsOfOneUsernameThenExactlyOneAccount() throws Exception {
        String username = TestAccounts.uniqueUsername("race");
        int attempts = 50;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                // Case differs between attempts: uniqueness is case-insensitive.
                String userId = i % 2 == 0 ? username : username.toUpperCase();
                Callable<Integer> attempt = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(Map.of("user_id", userId, "user_secret", PASSWORD))
                            .when().post("/register")
                            .then().extract().statusCode();
                };
                statuses.add(pool.submit(attempt));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes.stream().filter(code -> code == 201).count(), is(1L));
            assertThat(codes.stream().filter(code -> code != 201).toList(), everyItem(is(409)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from registration.account where username_key = ?", username.toLowerCase()),
                is(1L));
    }

    @Test
    void handleWhenRegisteredThenDatabaseHoldsArgon2idHashThatBouncyCastleVerifies() throws Exception {
        String username = TestAccounts.uniqueUsername("hash");
        register(Map.of("user_id", username, "user_secret", PASSWORD)).statusCode(201);

        String stored = passwordHashOf(username);
        assertThat(stored, not(containsString(PASSWORD)));
        Matcher phc = PHC.matcher(stored);
        assertTrue(phc.matches(), stored);
        byte[] salt = Base64.getDecoder().decode(phc.group(1));
        byte[] tag = Base64.getDecoder().decode(phc.group(2));
        assertTrue(MessageDigest.isEqual(tag, argon2id(PASSWORD, salt)));
        assertFalse(MessageDigest.isEqual(tag, argon2id(PASSWORD + "!", salt)));
        assertThat(count("select count(*) from registration.account a where a::text like ?", "%" + PASSWORD + "%"),
                is(0L));
    }

    @Test
    void handleWhenRegisteredThenSameCredentialsLogInByUsernameAndByUserKey() {
        TestAccounts.Account account = TestAccounts.create("login");
        given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON)
                .body(Map.of("user_key", account.userKey(), "password", account.password()))
                .when().post("/internal/accounts/authenticate")
                .then().statusCode(200)
                .body("id", equalTo(account.id().toString()))
                .body("username", equalTo(account.username()));
    }

    /** Posts one registration per user id, all released at the same moment; the status codes in order. */
    private static List<Integer> concurrently(List<String> userIds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(userIds.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (String userId : userIds) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(Map.of("user_id", userId, "user_secret", PASSWORD))
                            .when().post("/register")
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get(60, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/register").then();
    }

    private static ValidatableResponse assertError(ValidatableResponse response, int status, String error) {
        return response.statusCode(status)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", notNullValue());
    }

    private static byte[] argon2id(String password, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19 * 1024).withIterations(2).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private String passwordHashOf(String username) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select password_hash from registration.account where username = ?")) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
