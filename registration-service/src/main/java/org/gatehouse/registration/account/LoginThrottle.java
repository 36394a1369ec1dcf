package org.gatehouse.registration.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;
import org.gatehouse.registration.repository.LoginAttemptRepository;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brute-force protection of every password check (OWASP Authentication Cheat Sheet; RFC 6819 §5.1.4.2.3,
 * https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.2.3; ARCHITECTURE.md "Throttling defaults"). Accounts live
 * here, so the login page (authorization-service) and {@code /authenticate} (token-service) share one counter per
 * account and one per client IP, in PostgreSQL so every replica sees them.
 *
 * <p>An attempt is {@link #reserve reserved} before its password is checked, in one conditional upsert per counter:
 * concurrent attempts queue on the counter's row (each for one statement), and once the limit is taken the rest are
 * refused with 429 without any hashing, however many arrive at once; a counter seen at its limit is refused on a
 * plain read, without queueing. A wrong password keeps its reservation (it is the failure); a right one
 * resets the account and gives the IP its attempt back; an attempt that could not be checked (no hashing slot) gives
 * both back.
 *
 * <p>Before any of that, at most {@code max-concurrent-checks-per-account} checks of one account run or wait at once
 * in this replica ({@link #enter}); one more is refused with 429 at once, without queueing, touching the database or
 * hashing. A burst against one account thus holds that many hashing slots and nothing else, leaving the others to
 * everyone else, and its excess costs one map update each instead of a sibling call that times out.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final int CLEANUP_BATCH = 1000;
    /** A refused concurrent check: the one in flight is done within about a second. */
    private static final String CHECK_IN_FLIGHT_RETRY_AFTER = "1";

    private final LoginAttemptRepository attempts;
    private final RegistrationConfig.LoginThrottle limits;
    /** Checks running or waiting per account subject; an entry lives only while its count is above zero. */
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public LoginThrottle(LoginAttemptRepository attempts, RegistrationConfig config) {
        this.attempts = attempts;
        this.limits = config.loginThrottle();
    }

    /**
     * Admits one password check of {@code accountKey} when fewer than {@code max-concurrent-checks-per-account} of
     * them run or wait in this replica; call it before any other work of the check.
     *
     * @param accountKey the account's normalised user name (or what was typed, when no account has it), as for
     *                   {@link #reserve}
     * @return the admission, to {@link InFlight#close() close} once the check is done
     * @throws OAuthException 429 {@code rate_limited} with {@code Retry-After} when as many checks of the account are
     *                        already in flight
     */
    public InFlight enter(String accountKey) {
        String subject = subject("account", accountKey);
        int limit = Math.max(1, limits.maxConcurrentChecksPerAccount());
        boolean[] admitted = {false};
        inFlight.compute(subject, (key, running) -> {
            int count = running == null ? 0 : running;
            if (count >= limit) {
                return running;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            throw new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                    "Another sign-in to this account is being checked; retry shortly",
                    Map.of("Retry-After", CHECK_IN_FLIGHT_RETRY_AFTER));
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                inFlight.computeIfPresent(subject, (key, running) -> running <= 1 ? null : running - 1);
            }
        };
    }

    /**
     * Counts one attempt for {@code accountKey} and, when given, {@code clientIp}, both or neither.
     *
     * @param accountKey the account's normalised user name (or what was typed, when no account has it)
     * @param clientIp   the address the attempt came from, as the calling service saw it; null when unknown
     * @throws OAuthException 429 {@code rate_limited} with {@code Retry-After} and {@code RateLimit-*} when the IP or
     *                        the account has used up its attempts in the current window
     */
    public Reservation reserve(String accountKey, String clientIp) {
        Reservation reservation = new Reservation(subject("account", accountKey),
                clientIp == null || clientIp.isBlank() ? null : subject("ip", clientIp));
        Instant now = Instant.now();
        Instant cutoff = now.minus(limits.window());
        // Each counter in a transaction of its own, a single statement: its row is locked only while that statement
        // commits, so a burst against one account queues briefly on it instead of holding it through other work.
        // The account first, the attempt most likely refused; when the IP then refuses, the account's is given back.
        take(reservation.accountSubject(), limits.maxFailuresPerAccount(), now, cutoff);
        if (reservation.ipSubject() != null) {
            try {
                take(reservation.ipSubject(), limits.maxFailuresPerIp(), now, cutoff);
            } catch (OAuthException refused) {
                QuarkusTransaction.requiringNew().run(() -> attempts.release(reservation.accountSubject(), cutoff));
                throw refused;
            }
        }
        return reservation;
    }

    /** The password was right: the account starts over, and the IP gets its attempt back. */
    public void succeeded(Reservation reservation) {
        Instant cutoff = Instant.now().minus(limits.window());
        QuarkusTransaction.requiringNew().run(() -> {
            if (reservation.ipSubject() != null) {
                attempts.release(reservation.ipSubject(), cutoff);
            }
            attempts.reset(reservation.accountSubject());
        });
    }

    /** The password could not be checked (no hashing slot in time): the attempt counts against nobody. */
    public void notChecked(Reservation reservation) {
        Instant cutoff = Instant.now().minus(limits.window());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (reservation.ipSubject() != null) {
                    attempts.release(reservation.ipSubject(), cutoff);
                }
                attempts.release(reservation.accountSubject(), cutoff);
            });
        } catch (RuntimeException e) {
            // The caller is answered 429 either way; the attempt then stays counted until its window ends.
            LOG.warnf("Could not give back an unchecked password attempt: %s", e.getMessage());
        }
    }

    @Scheduled(identity = "login-attempt-cleanup", every = "${registration.login-throttle.cleanup-every:10m}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteEndedWindows() {
        Instant cutoff = Instant.now().minus(limits.window());
        try {
            int deleted;
            do {
                deleted = QuarkusTransaction.requiringNew().call(() -> attempts.deleteEndedBefore(cutoff, CLEANUP_BATCH));
            } while (deleted == CLEANUP_BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("Login attempt cleanup failed, retried next run: %s", e.getMessage());
        }
    }

    private void take(String subject, int limit, Instant now, Instant cutoff) {
        // A counter already at its limit is refused on a plain read, without queueing for its row: the many
        // attempts of a burst that come after the limit cost no lock.
        Optional<LoginAttemptRepository.Window> current =
                QuarkusTransaction.requiringNew().call(() -> attempts.current(subject, cutoff));
        if (current.isEmpty() || current.get().attempts() < limit) {
            if (QuarkusTransaction.requiringNew().call(() -> attempts.reserve(subject, limit, now, cutoff)).isPresent()) {
                return;
            }
            current = QuarkusTransaction.requiringNew().call(() -> attempts.current(subject, cutoff));
        }
        Duration untilReset = current.map(w -> Duration.between(now, w.startedAt().plus(limits.window())))
                .orElse(Duration.ZERO);
        // Rounded up so a client that waits exactly this long is let in.
        long seconds = Math.max(1, (untilReset.toMillis() + 999) / 1000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(seconds));
        headers.put("RateLimit-Limit", Integer.toString(limit));
        headers.put("RateLimit-Remaining", "0");
        headers.put("RateLimit-Reset", Long.toString(seconds));
        throw new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                "Too many failed attempts; retry later", headers);
    }

    private static String subject(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The counters one attempt was counted in (hashed: the raw name or IP is never stored). */
    public record Reservation(String accountSubject, String ipSubject) {
    }

    /** One admitted check of an account, in flight until closed. */
    @FunctionalInterface
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
