package org.gatehouse.authorization.testing;

/**
 * Accounts registration-service knows in tests: {@code alice}/{@code password}, and any {@code user-<anything>}
 * with password {@code password}, so each test can sign in as a user no other test touched.
 */
public final class TestAccounts {

    public static final String ALICE = "alice";
    public static final String PASSWORD = "password";
    /** Names registration-service answers 429 for, as once an account's failed attempts are used up. */
    public static final String LOCKED_PREFIX = "locked-";
    /** Names registration-service answers 429 with a short Retry-After for, as when it cannot check in time. */
    public static final String BUSY_PREFIX = "busy-";

    private TestAccounts() {
    }

    /** A fresh username for one test. */
    public static String fresh(String purpose) {
        return "user-" + purpose + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    public static String idOf(String username) {
        return SiblingServicesResource.uuidFor(username);
    }

    /** The account JSON for valid credentials, else null. */
    static String authenticate(String username, String password) {
        if (username == null || !PASSWORD.equals(password)
                || !(ALICE.equals(username) || username.startsWith("user-"))) {
            return null;
        }
        return "{\"id\":\"" + idOf(username) + "\",\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.org\",\"display_name\":\"" + username + "\",\"created_at\":\"2026-01-01T00:00:00Z\"}";
    }
}
