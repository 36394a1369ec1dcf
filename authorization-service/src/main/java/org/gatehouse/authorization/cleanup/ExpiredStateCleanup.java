package org.gatehouse.authorization.cleanup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.gatehouse.authorization.repository.LoginSessionRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Deletes expired codes and sessions in bounded batches, each in its own short transaction,
 * so a backlog never turns into one long lock. Running on several replicas at once is harmless.
 */
@ApplicationScoped
public class ExpiredStateCleanup {

    private static final Logger LOG = Logger.getLogger(ExpiredStateCleanup.class);

    private final AuthorizationCodeRepository codes;
    private final LoginSessionRepository sessions;
    private final AuthorizationConfig config;

    public ExpiredStateCleanup(AuthorizationCodeRepository codes, LoginSessionRepository sessions,
                               AuthorizationConfig config) {
        this.codes = codes;
        this.sessions = sessions;
        this.config = config;
    }

    @Scheduled(every = "${authorization.cleanup.every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant now = Instant.now();
        int batch = config.cleanup().batchSize();
        // Codes outlive their expiry a while so replays are still recognised (and reported with their id).
        Instant codeCutoff = now.minus(config.code().replayDetectionWindow());
        int deleted = drain(() -> deleteBatch(() -> codes.deleteExpiredBefore(codeCutoff, batch)), batch)
                + drain(() -> deleteBatch(() -> sessions.deleteExpired(now, batch)), batch);
        if (deleted > 0) {
            LOG.debugf("Cleanup deleted %d expired rows", deleted);
        }
    }

    private static int deleteBatch(IntSupplier statement) {
        return QuarkusTransaction.requiringNew().call(statement::getAsInt);
    }

    private int drain(IntSupplier batchDeletion, int batchSize) {
        int total = 0;
        for (int i = 0; i < config.cleanup().maxBatches(); i++) {
            int deleted = batchDeletion.getAsInt();
            total += deleted;
            if (deleted < batchSize) {
                break;
            }
        }
        return total;
    }
}
