package org.gatehouse.token.support;

import java.util.List;

/**
 * The accounts the {@link RegistrationDouble} knows, as registration-service's
 * {@code POST /internal/accounts/authenticate} would authenticate them.
 */
public record TestAccounts(String id, String username, String userKey, String secret) {

    public static final TestAccounts ALICE = new TestAccounts("5f0c6a0e-3f57-4c1b-9d83-4e1f2a7b9c10", "alice",
            "uk_Zm9yLXRlc3RzLW9ubHktYWxpY2U", "correct horse battery staple");
    /** A second account, for tests that must not share alice's answers. */
    public static final TestAccounts BOB = new TestAccounts("0b0b0b0b-1111-4222-8333-444455556666", "bob",
            "uk_Zm9yLXRlc3RzLW9ubHktYm9i", "tr0ub4dor&3 is not a good one");

    static List<TestAccounts> all() {
        return List.of(ALICE, BOB);
    }

    /** The internal API's account JSON. */
    String json() {
        return "{\"id\":\"" + id + "\",\"username\":\"" + username + "\",\"email\":\"" + username + "@example.org\","
                + "\"display_name\":\"" + username + "\",\"created_at\":\"2024-01-01T00:00:00Z\"}";
    }
}
