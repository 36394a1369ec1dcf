package org.gatehouse.authorization.internal;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.InternalApiContract;

import java.util.Map;
import java.util.Set;

/** Who may call authorization-service's internal API; the guard is platform-common's {@code InternalApiFilter}. */
@QuarkusTest
class InternalApiTest extends InternalApiContract {

    @Override
    protected String service() {
        return "authorization-service";
    }

    @Override
    protected Map<String, Set<String>> callers() {
        return Map.of(
                "POST /internal/authorization-codes/redeem", Set.of("token-service"),
                // Refreshes of tokens that came from a code check that the consent still stands.
                "GET /internal/consents", Set.of("token-service"),
                // The developer dashboard reads the login session.
                "GET /internal/sessions/current", Set.of("registration-service"),
                // API-key calls read the user's grant to the app.
                "GET /internal/grants", Set.of("resource-service"));
    }
}
