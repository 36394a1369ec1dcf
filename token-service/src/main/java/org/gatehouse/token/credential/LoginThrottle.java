package org.gatehouse.token.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.issue.OpaqueTokens;
import org.gatehouse.token.repository.LoginThrottleRepository;
import org.gatehouse.token.repository.LoginThrottleRepository.Window;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection of user credentials (RFC 6819 §4.4.3.6 and §5.1.4.2.3,
 * https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.2.3; ARCHITECTURE.md "Throttling defaults"): failed attempts
 * are counted per user key and per client IP in PostgreSQL, so every replica sees the same counts. A window starts
 * with the first failure; once a key or an IP has used up its failures, attempts are refused with 429 until it ends.
 *
 * <p>Only failures count, so concurrent right attempts for one account never lock each other out, and a success
 * only deletes the key's counter (one statement, no entity read, nothing to race on). Guesses already in flight when
 * the limit is reached are still checked: the overshoot is bounded by the per-account and per-IP request limits on
 * {@code /authenticate} ({@code gatehouse.rate-limit.routes.authenticate-*}), which every attempt passes first.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginThrottleRepository counters;
    private final TokenConfig.Authenticate config;

    public LoginThrottle(LoginThrottleRepository counters, TokenConfig config) {
        this.counters = counters;
        this.config = config.authenticate();
    }

    /**
     * Refuses the attempt when the IP or the key has used up its failures in the current window.
     *
     * @throws OAuthException 429 {@code rate_limited} with {@code Retry-After} and {@code RateLimit-*} headers
     */
    public Attempt admit(String userKey, String clientIp) {
        Attempt attempt = new Attempt("key:" + OpaqueTokens.sha256(userKey), "ip:" + OpaqueTokens.sha256(clientIp));
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.window());
        refuseAtLimit(counters.current(attempt.ipSubject(), cutoff), config.maxFailuresPerIp(), now);
        refuseAtLimit(counters.current(attempt.keySubject(), cutoff), config.maxFailuresPerKey(), now);
        return attempt;
    }

    /** The credentials were wrong: one more failure for the IP and the key (always locked in that order). */
    @Transactional
    public void failed(Attempt attempt) {
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.window());
        counters.countAttempt(attempt.ipSubject(), now, cutoff);
        counters.countAttempt(attempt.keySubject(), now, cutoff);
    }

    /** The credentials were right: the key starts over. */
    @Transactional
    public void succeeded(Attempt attempt) {
        counters.reset(attempt.keySubject());
    }

    private void refuseAtLimit(Optional<Window> current, int limit, Instant now) {
        if (current.isEmpty() || current.get().attempts() < limit) {
            return;
        }
        Window window = current.get();
        Duration untilReset = Duration.between(now, window.startedAt().plus(config.window()));
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

    /** The counters one attempt was counted in (subjects are hashed: the raw key or IP is never stored). */
    public record Attempt(String keySubject, String ipSubject) {
    }
}
