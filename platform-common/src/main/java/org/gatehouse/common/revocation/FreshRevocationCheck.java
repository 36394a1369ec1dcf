package org.gatehouse.common.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The revocation check of an endpoint where a revocation must hold from the very next request, not within the polled
 * denylist's 5 s: UserInfo, which a client calls straight after token-service refused a replayed authorization code
 * and revoked what the code had produced (RFC 6749 §4.1.2, https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2).
 * Keycloak and Hydra look the session up in their database at UserInfo for the same reason. Before the token is
 * checked, the denylist is read again by a poll that started after the request arrived, so whatever token-service
 * committed before it answered is in it; concurrent callers share that poll, and a replica has at most one such poll
 * running and one queued, whatever the load. A poll that fails or does not finish in time answers 503
 * {@code temporarily_unavailable}: a token that could not be checked is never answered. The caller that runs a poll
 * waits for it to end (bounded by the REST client's timeouts); the callers sharing it wait until their deadline only.
 */
@ApplicationScoped
public class FreshRevocationCheck {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = Logger.getLogger(FreshRevocationCheck.class);

    private final BooleanSupplier poll;
    private final RevokedTokenRegistry registry;
    private final long timeoutNanos;
    private final Object lock = new Object();
    /** The poll running now. It may have started before a caller arrived, so no caller ever waits for its result. */
    private CompletableFuture<Boolean> running;
    /** The poll that starts when {@link #running} ends; everyone who arrives before it starts shares it. */
    private CompletableFuture<Boolean> queued;

    @Inject
    public FreshRevocationCheck(RevocationPoller poller, RevokedTokenRegistry registry, RevocationConfig config) {
        this(poller::refresh, registry, config.freshPollTimeout());
    }

    FreshRevocationCheck(BooleanSupplier poll, RevokedTokenRegistry registry, Duration timeout) {
        this.poll = poll;
        this.registry = registry;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * @throws OAuthException 401 {@code invalid_token} when the token is revoked (or the denylist cannot speak for
     *                        it), 503 {@code temporarily_unavailable} with {@code Retry-After} when the denylist
     *                        could not be read afresh
     */
    public void requireNotRevoked(String jti, long issuedAtEpochSeconds) {
        if (!pollStartedAfterNow()) {
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                    "Revocations cannot be checked right now", Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        if (registry.refuses(jti, issuedAtEpochSeconds)) {
            throw OAuthException.invalidToken("The access token has been revoked");
        }
    }

    /** Waits for a poll that starts after this call; whether it read the denylist in time. */
    boolean pollStartedAfterNow() {
        long deadline = System.nanoTime() + timeoutNanos;
        CompletableFuture<Boolean> mine;
        CompletableFuture<Boolean> before = null;
        boolean runsIt = false;
        synchronized (lock) {
            if (queued == null) {
                queued = new CompletableFuture<>();
                before = running;
                runsIt = true;
            }
            mine = queued;
        }
        if (runsIt) {
            run(mine, before, deadline);
        }
        try {
            return mine.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("No fresh read of the revoked-token denylist within %d ms", timeoutNanos / 1_000_000);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(CompletableFuture<Boolean> mine, CompletableFuture<Boolean> before, long deadline) {
        boolean read = false;
        try {
            if (before != null) {
                // One poll at a time: the running one may have read the list before the callers arrived.
                before.handle((ok, failure) -> ok).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            }
            synchronized (lock) {
                running = mine;
                queued = null;
            }
            read = poll.getAsBoolean();
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("The previous read of the revoked-token denylist did not finish within %d ms",
                    timeoutNanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Reading the revoked-token denylist failed", e);
        } finally {
            synchronized (lock) {
                if (queued == mine) {
                    queued = null;
                }
                if (running == mine) {
                    running = null;
                }
            }
            mine.complete(read);
        }
    }
}
