package org.gatehouse.registration.testing;

import org.gatehouse.common.permission.Permissions;
import org.gatehouse.testing.TestTokens;

import java.util.UUID;

/** Bearer tokens for the developer API, as token-service issues them for {@code /authenticate} and {@code /refresh}. */
public final class FirstPartyTokens {

    private FirstPartyTokens() {
    }

    /** {@code Authorization} value of a first-party token for the account {@code userId}. */
    public static String bearerFor(UUID userId) {
        return "Bearer " + TestTokens.sign(TestTokens.accessToken(userId.toString(),
                Permissions.FIRST_PARTY_CLIENT_ID, Permissions.format(Permissions.FIRST_PARTY_SCOPES)));
    }

    /** A token an app got through OAuth for the same user: valid, but not first-party. */
    public static String appBearerFor(UUID userId, String clientId) {
        return "Bearer " + TestTokens.sign(TestTokens.accessToken(userId.toString(), clientId, "read"));
    }
}
