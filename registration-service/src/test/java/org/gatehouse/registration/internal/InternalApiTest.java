package org.gatehouse.registration.internal;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.InternalApiContract;

import java.util.Map;
import java.util.Set;

/** Who may call registration-service's internal API; the guard is platform-common's {@code InternalApiFilter}. */
@QuarkusTest
class InternalApiTest extends InternalApiContract {

    @Override
    protected String service() {
        return "registration-service";
    }

    @Override
    protected Map<String, Set<String>> callers() {
        return Map.of(
                // Client authentication (token-service) and authorization requests (authorization-service).
                "GET /internal/clients/{client_id}", Set.of("token-service", "authorization-service"),
                // Signed UserInfo answers: the resource server learns the client's algorithm and nothing else.
                "GET /internal/clients/{client_id}/userinfo", Set.of("resource-service"),
                // /authenticate (token-service) and the login page (authorization-service).
                "POST /internal/accounts/authenticate", Set.of("token-service", "authorization-service"),
                // verify_credentials, userinfo and API-key calls name the account; the name page reads it.
                "GET /internal/accounts/{id}", Set.of("resource-service", "authorization-service"),
                // The user's own profile claims, from the account page only.
                "PUT /internal/accounts/{id}/profile", Set.of("authorization-service"),
                "GET /internal/api-keys/{key_id}", Set.of("resource-service"));
    }
}
