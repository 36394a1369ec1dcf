package org.gatehouse.authorization.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.repository.LoginFailure;
import org.gatehouse.authorization.repository.LoginFailureRepository;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Brute-force protection of the login form (OWASP Authentication Cheat Sheet; ARCHITECTURE.md "Throttling
 * defaults"): at most N failed logins per account name and M per IP in a sliding window. Failures are rows in
 * the shared database, so the limit holds across replicas.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginFailureRepository failures;
    private final AuthorizationConfig.LoginThrottle limits;

    public LoginThrottle(LoginFailureRepository failures, AuthorizationConfig config) {
        this.failures = failures;
        this.limits = config.loginThrottle();
    }

    /** The limit reached and how long the caller must wait before trying again, when a limit is reached. */
    @Transactional
    public Optional<Lockout> lockout(String username, String ip) {
        Instant now = Instant.now();
        Instant since = now.minus(limits.window());
        String account = accountKey(username);
        int perAccount = limits.maxFailuresPerAccount();
        if (failures.countForAccountSince(account, since) >= perAccount) {
            return failures.oldestForAccountSince(account, since)
                    .map(oldest -> new Lockout(perAccount, untilLifted(oldest, now)));
        }
        int perIp = limits.maxFailuresPerIp();
        if (failures.countForIpSince(ip, since) >= perIp) {
            return failures.oldestForIpSince(ip, since).map(oldest -> new Lockout(perIp, untilLifted(oldest, now)));
        }
        return Optional.empty();
    }

    /** A reached limit of {@code limit} failures, lifted after {@code retryAfter}. */
    public record Lockout(int limit, Duration retryAfter) {
    }

    @Transactional
    public void recordFailure(String username, String ip) {
        LoginFailure failure = new LoginFailure();
        failure.id = UUID.randomUUID();
        failure.accountKey = accountKey(username);
        failure.ip = ip.length() > 64 ? ip.substring(0, 64) : ip;
        failure.failedAt = Instant.now();
        failures.persist(failure);
    }

    @Transactional
    public void recordSuccess(String username) {
        failures.deleteForAccount(accountKey(username));
    }

    private Duration untilLifted(Instant oldest, Instant now) {
        Duration wait = Duration.between(now, oldest.plus(limits.window()));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }

    /**
     * registration-service compares user names after Unicode NFKC and lower case (one account for
     * {@code Alice@Example.com}, {@code alice@example.com} and their fullwidth forms), so failures are counted under
     * that same form, however the name is typed.
     */
    private static String accountKey(String username) {
        String key = username == null ? ""
                : Normalizer.normalize(username.trim(), Normalizer.Form.NFKC).trim().toLowerCase(Locale.ROOT);
        return key.length() > 255 ? key.substring(0, 255) : key;
    }
}
