package org.gatehouse.token.cleanup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.FamilyAccessTokenRepository;
import org.gatehouse.token.repository.RefreshTokenRepository;
import org.gatehouse.token.repository.RevokedAccessTokenRepository;
import org.gatehouse.token.repository.TokenFamilyRepository;
import org.gatehouse.token.repository.UsedAssertionJtiRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Deletes rows nothing can use any more: expired refresh tokens (a rotated one is kept until then, for reuse
 * detection), records and denylist entries of expired access tokens, families left empty, and the jtis of client assertions that have expired (they can no longer be replayed). Each statement deletes at most {@code token.cleanup.batch-size} rows in its own transaction,
 * so a backlog is worked off without long locks; replicas running it at once skip each other's rows.
 */
@ApplicationScoped
public class ExpiredRowCleanup {

    private static final Logger LOG = Logger.getLogger(ExpiredRowCleanup.class);

    private final RefreshTokenRepository refreshTokens;
    private final FamilyAccessTokenRepository familyAccessTokens;
    private final RevokedAccessTokenRepository revokedAccessTokens;
    private final TokenFamilyRepository families;
    private final UsedAssertionJtiRepository usedAssertionJtis;
    private final TokenConfig config;

    public ExpiredRowCleanup(RefreshTokenRepository refreshTokens, FamilyAccessTokenRepository familyAccessTokens,
                             RevokedAccessTokenRepository revokedAccessTokens,
                             TokenFamilyRepository families, UsedAssertionJtiRepository usedAssertionJtis,
                             TokenConfig config) {
        this.refreshTokens = refreshTokens;
        this.familyAccessTokens = familyAccessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.families = families;
        this.usedAssertionJtis = usedAssertionJtis;
        this.config = config;
    }

    @Scheduled(identity = "expired-row-cleanup", every = "${token.cleanup.interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            // Rows left now are deleted next time; a database hiccup must not surface anywhere else.
            LOG.warnf(e, "Cleanup of expired rows failed");
        }
    }

    /** Deletes everything expired as of now; the number of rows deleted per kind. */
    public Deleted run() {
        Instant now = Instant.now();
        int batch = config.cleanup().batchSize();
        Deleted deleted = new Deleted(
                drain(() -> refreshTokens.deleteExpired(now, batch), batch),
                drain(() -> familyAccessTokens.deleteExpired(now, batch), batch),
                drain(() -> revokedAccessTokens.deleteExpired(now, batch), batch),
                // A committed family always has a token; the margin only keeps this far from any in-flight issuance.
                drain(() -> families.deleteEmptyCreatedBefore(now.minus(config.accessTokenLifetime()), batch), batch),
                drain(() -> usedAssertionJtis.deleteExpired(now, batch), batch));
        if (deleted.total() > 0) {
            LOG.infof("Deleted expired rows: %s", deleted);
        }
        return deleted;
    }

    /** Runs batches until one deletes less than a full batch. */
    private static int drain(IntSupplier deleteBatch, int batchSize) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(deleteBatch::getAsInt);
            total += deleted;
        } while (deleted >= batchSize);
        return total;
    }

    public record Deleted(int refreshTokens, int familyAccessTokens, int revokedAccessTokens, int families,
                          int usedAssertionJtis) {
        int total() {
            return refreshTokens + familyAccessTokens + revokedAccessTokens + families + usedAssertionJtis;
        }
    }
}
