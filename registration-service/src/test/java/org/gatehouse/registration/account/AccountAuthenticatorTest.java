package org.gatehouse.registration.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.gatehouse.registration.testing.CountingPasswordHasher;
import org.gatehouse.registration.testing.TestAccounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * User enumeration (OWASP Authentication Cheat Sheet, "Authentication Responses"): the password check behind the
 * login page (by username) and {@code POST /authenticate} (by {@code user_key}) answers an unknown account exactly
 * like a wrong password and does the same Argon2id work for it — one verification with today's parameters — so
 * neither the answer nor its timing tells whether the account exists. Asserted on the work done, not on wall-clock
 * time, so it cannot flake on a loaded machine.
 */
@QuarkusTest
class AccountAuthenticatorTest {

    private static final String AUTHENTICATE = "/internal/accounts/authenticate";

    @Inject
    CountingPasswordHasher hasher;

    @Test
    void authenticateWhenUsernameUnknownThenSameAnswerAndSameArgon2WorkAsWrongPassword() {
        TestAccounts.Account account = TestAccounts.create("Enum");
        String unknown = TestAccounts.uniqueUsername("nobody");
        assertSameAnswerAndWork(Map.of("username", account.username()), Map.of("username", unknown));
    }

    @Test
    void authenticateWhenUserKeyUnknownThenSameAnswerAndSameArgon2WorkAsWrongPassword() {
        TestAccounts.Account account = TestAccounts.create("EnumKey");
        String known = account.userKey();
        // A well-formed key of the same length that no account holds.
        String unknown = known.substring(0, known.length() - 6) + UUID.randomUUID().toString().substring(0, 6);
        assertSameAnswerAndWork(Map.of("user_key", known), Map.of("user_key", unknown));
    }

    private void assertSameAnswerAndWork(Map<String, String> knownAccount, Map<String, String> unknownAccount) {
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String passwordForUnknown = "wrong-" + UUID.randomUUID();

        Response wrong = authenticate(knownAccount, wrongPassword);
        Response unknown = authenticate(unknownAccount, passwordForUnknown);

        assertEquals(401, wrong.statusCode());
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.body().asString(), unknown.body().asString());
        assertEquals(wrong.header("Cache-Control"), unknown.header("Cache-Control"));

        List<String> wrongWork = hasher.verificationsOf(wrongPassword);
        List<String> unknownWork = hasher.verificationsOf(passwordForUnknown);
        assertEquals(1, wrongWork.size(), "a wrong password costs exactly one Argon2id verification");
        assertEquals(1, unknownWork.size(), "an unknown account costs exactly one Argon2id verification too");
        assertEquals(parameters(wrongWork.get(0)), parameters(unknownWork.get(0)),
                "the dummy hash has the same Argon2id cost, salt and tag length as a real one");
        assertEquals("$argon2id$v=19$m=19456,t=2,p=1", parameters(unknownWork.get(0)).get(0));
    }

    /** The cost part of a PHC string and the lengths of its salt and tag. */
    private static List<Object> parameters(String phc) {
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, tag
        assertEquals(6, parts.length, phc);
        return List.of("$" + parts[1] + "$" + parts[2] + "$" + parts[3], parts[4].length(), parts[5].length());
    }

    private static Response authenticate(Map<String, String> identifier, String password) {
        Map<String, String> body = new java.util.HashMap<>(identifier);
        body.put("password", password);
        return given().header("Authorization", TestAccounts.fromAuthorizationService())
                .contentType(ContentType.JSON).body(body)
                .when().post(AUTHENTICATE);
    }
}
