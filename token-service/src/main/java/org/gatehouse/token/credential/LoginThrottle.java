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

/**
 * Brute-force protection of user credentials (RFC 6819 §4.4.3.6 and §5.1.4.2.3,
 * https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.2.3; ARCHITECTURE.md "Throttling defaults"): failed attempts
 * are counted per user key and per client IP in PostgreSQL, so every replica sees the same counts. A window starts
 * with the first attempt; over the limit, attempts are refused with 429 until it ends.
 *
 * <p>An attempt is counted before the credentials are checked, in one atomic statement, so concurrent guesses
 * cannot slip past the limit together; a success then resets the key's count and takes the attempt back from the
 * IP's, and an attempt that could not be checked at all (registration down) is taken back from both.
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
     * Counts an attempt against the IP, then the key. An attempt refused here is not counted (the transaction rolls
     * back), so a flood of refused attempts does not keep a window from ending.
     *
     * @throws OAuthException 429 {@code rate_limited} with {@code Retry-After} and {@code RateLimit-*} headers
     */
    @Transactional
    public Attempt admit(String userKey, String clientIp) {
        Attempt attempt = new Attempt("key:" + OpaqueTokens.sha256(userKey), "ip:" + OpaqueTokens.sha256(clientIp));
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.window());
        refuseOverLimit(counters.countAttempt(attempt.ipSubject(), now, cutoff), config.maxFailuresPerIp(), now);
        refuseOverLimit(counters.countAttempt(attempt.keySubject(), now, cutoff), config.maxFailuresPerKey(), now);
        return attempt;
    }

    /** The credentials were right: the key starts over, and the attempt does not count against the IP. */
    @Transactional
    public void succeeded(Attempt attempt) {
        counters.reset(attempt.keySubject());
        counters.uncount(attempt.ipSubject());
    }

    /** The credentials could not be checked: the attempt counts against nobody. */
    @Transactional
    public void notChecked(Attempt attempt) {
        counters.uncount(attempt.keySubject());
        counters.uncount(attempt.ipSubject());
    }

    private void refuseOverLimit(Window window, int limit, Instant now) {
        if (window.attempts() <= limit) {
            return;
        }
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
