package org.gatehouse.token.clientauth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.repository.UsedAssertionJtiRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * Makes client assertions single use (RFC 7523 §3 item 7, https://www.rfc-editor.org/rfc/rfc7523#section-3: "the
 * authorization server MAY ensure that JWTs are not replayed by maintaining the set of used jti values for the length
 * of time for which the JWT would be considered valid"). The jti is recorded in the shared database in its own,
 * committed transaction before any token is issued, so a replay on any replica, even a concurrent one, is refused.
 */
@ApplicationScoped
public class AssertionReplayGuard {

    private static final Logger LOG = Logger.getLogger(AssertionReplayGuard.class);

    private final UsedAssertionJtiRepository usedJtis;

    public AssertionReplayGuard(UsedAssertionJtiRepository usedJtis) {
        this.usedJtis = usedJtis;
    }

    /**
     * Uses up {@code jti} for {@code clientId} until {@code keepUntil}; {@code invalid_client} when it was used
     * before.
     */
    public void consume(String clientId, String jti, Instant keepUntil) {
        boolean first;
        try {
            first = QuarkusTransaction.requiringNew().call(() -> usedJtis.recordFirstUse(clientId, jti, keepUntil));
        } catch (RuntimeException e) {
            // Only the database can fail here (connection, transaction, statement).
            // Without the record a replay could not be refused: fail closed, as the database's fault, not the client's.
            LOG.warnf("Could not record a client assertion's jti: %s", e.getMessage());
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                    "Client authentication is temporarily unavailable; retry shortly", Map.of("Retry-After", "5"));
        }
        if (!first) {
            LOG.infof("Replayed client assertion refused for client %s", clientId);
            throw OAuthException.invalidClient("The client assertion was already used");
        }
    }
}
