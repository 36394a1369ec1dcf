package org.gatehouse.token.internal;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.testing.InternalApiContract;

import java.util.Map;
import java.util.Set;

/** Who may call token-service's internal API; the guard is platform-common's {@code InternalApiFilter}. */
@QuarkusTest
class InternalApiTest extends InternalApiContract {

    @Override
    protected String service() {
        return "token-service";
    }

    @Override
    protected Map<String, Set<String>> callers() {
        return Map.of(
                // Every service that verifies bearer tokens polls the denylist.
                "GET /internal/revoked-jtis", Set.of("registration-service", "authorization-service", "resource-service"),
                // The same services fetch the signing keys to verify bearer tokens.
                "GET /internal/jwks", Set.of("registration-service", "authorization-service", "resource-service"),
                // Revoking an app's consent revokes its tokens.
                "POST /internal/revocations", Set.of("authorization-service"),
                // Signed UserInfo answers: the keys stay here, resource-service asks.
                "POST /internal/userinfo-signatures", Set.of("resource-service"),
                // token.signing-key.rotation-callers, by default token-service's own identity (an operator's tool).
                "GET /internal/signing-keys", Set.of("token-service"),
                "POST /internal/signing-keys/rotate", Set.of("token-service"));
    }
}
