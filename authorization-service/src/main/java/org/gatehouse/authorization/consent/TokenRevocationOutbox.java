package org.gatehouse.authorization.consent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.remote.TokenGateway;
import org.gatehouse.authorization.repository.PendingTokenRevocation;
import org.gatehouse.authorization.repository.PendingTokenRevocationRepository;
import org.gatehouse.common.audit.AuditLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the revocation of an app's tokens durable (a transactional outbox): the request to token-service is written
 * in the transaction that revokes the consent, and deleted only once token-service confirms it. It is tried at once;
 * when token-service is down or slow, every replica's scheduler retries the due rows with back-off until it answers.
 * A replica claims a row before sending it (its next attempt moves a lease ahead, rows other transactions hold are
 * skipped), so replicas do not send one row twice at once; token-service's revocation is idempotent anyway.
 */
@ApplicationScoped
public class TokenRevocationOutbox {

    private static final Logger LOG = Logger.getLogger(TokenRevocationOutbox.class);

    private final PendingTokenRevocationRepository pending;
    private final TokenGateway tokens;
    private final AuditLog audit;
    private final AuthorizationConfig.TokenRevocation config;

    public TokenRevocationOutbox(PendingTokenRevocationRepository pending, TokenGateway tokens, AuditLog audit,
                                 AuthorizationConfig config) {
        this.pending = pending;
        this.tokens = tokens;
        this.audit = audit;
        this.config = config.tokenRevocation();
    }

    /**
     * Records that the user's tokens for the client must be revoked, in the caller's transaction, already claimed
     * for the caller's own first attempt ({@link #deliverNow}) once that transaction has committed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(String userId, String clientId) {
        Instant now = Instant.now();
        PendingTokenRevocation row = new PendingTokenRevocation();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.clientId = clientId;
        row.requestedAt = now;
        row.attempts = 1;
        row.nextAttemptAt = now.plus(config.lease());
        pending.persist(row);
        return row.id;
    }

    /** The first attempt of an enqueued revocation; true when token-service confirmed it. */
    public boolean deliverNow(UUID id, String userId, String clientId) {
        return attempt(id, userId, clientId, 1, Instant.now());
    }

    /** The clients whose token revocation for the user token-service has not confirmed yet. */
    @Transactional
    public List<PendingTokenRevocationRepository.Pending> pendingFor(String userId) {
        return pending.pendingFor(userId);
    }

    @Scheduled(every = "${authorization.token-revocation.every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        Instant now = Instant.now();
        List<PendingTokenRevocation> due = QuarkusTransaction.requiringNew()
                .call(() -> pending.claimDue(now, now.plus(config.lease()), config.batchSize()));
        for (PendingTokenRevocation row : due) {
            if (attempt(row.id, row.userId, row.clientId, row.attempts, row.requestedAt)) {
                LOG.infof("Tokens of client %s for user %s revoked at token-service %d ms after the request, "
                        + "attempt %d", row.clientId, row.userId,
                        Duration.between(row.requestedAt, Instant.now()).toMillis(), row.attempts);
                audit.record("tokens.revoked", "success", Map.of("user_id", row.userId, "client_id", row.clientId,
                        "attempts", Integer.toString(row.attempts)));
            }
        }
    }

    private boolean attempt(UUID id, String userId, String clientId, int attempt, Instant requestedAt) {
        if (tokens.revokeTokens(userId, clientId)) {
            QuarkusTransaction.requiringNew().run(() -> pending.deleteById(id));
            return true;
        }
        Instant next = Instant.now().plus(backoff(attempt));
        QuarkusTransaction.requiringNew().run(() -> pending.reschedule(id, next));
        LOG.warnf("Revoking the tokens of client %s for user %s is still pending after %d attempt(s) since %s; "
                + "next attempt at %s", clientId, userId, attempt, requestedAt, next);
        return false;
    }

    /** Doubles from the initial back-off with each failed attempt, up to the maximum. */
    Duration backoff(int failedAttempts) {
        Duration delay = config.initialBackoff();
        for (int i = 1; i < failedAttempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }
}
