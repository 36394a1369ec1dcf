package org.gatehouse.authorization.login;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.remote.Account;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.RateLimiter;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A password login: request limits, password check by registration-service, new session. A failure never says
 * whether the account exists (OWASP: generic authentication error messages).
 *
 * <p>Brute force is bounded in two places. Here, request limits per IP and per account
 * ({@code gatehouse.rate-limit.routes.login-ip}, {@code login-account}) refuse a burst with 429 before any sibling call
 * or hashing, so it costs the sender and not the other users of the shared hashing slots. In registration-service,
 * which owns accounts, every attempt is reserved in one failure counter per account and per IP before its password is
 * checked, shared with token-service's {@code /authenticate}; its refusal is passed on as the same 429.
 */
@ApplicationScoped
public class Login {

    private static final int MAX_FIELD_LENGTH = 1024;
    /** Request limits ({@code gatehouse.rate-limit.routes.*}). */
    static final String RATE_LIMIT_PER_IP = "login-ip";
    static final String RATE_LIMIT_PER_ACCOUNT = "login-account";

    private final RegistrationGateway registration;
    private final RateLimiter limiter;
    private final LoginSessions sessions;
    private final AuditLog audit;

    public Login(RegistrationGateway registration, RateLimiter limiter, LoginSessions sessions, AuditLog audit) {
        this.registration = registration;
        this.limiter = limiter;
        this.sessions = sessions;
        this.audit = audit;
    }

    public Result attempt(String username, String password, String ip) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > MAX_FIELD_LENGTH || password.length() > MAX_FIELD_LENGTH) {
            return new Failed();
        }
        Optional<Account> account;
        try {
            limiter.enforce(RATE_LIMIT_PER_IP, ip);
            limiter.enforce(RATE_LIMIT_PER_ACCOUNT, accountKey(username));
            account = registration.authenticate(username.trim(), password, ip);
        } catch (OAuthException refused) {
            if (refused.error() != OAuthError.RATE_LIMITED) {
                throw refused;
            }
            audit.record("login", "throttled", Map.of("ip", String.valueOf(ip)));
            return new Throttled(refused.headers());
        }
        if (account.isEmpty()) {
            audit.record("login", "failure", Map.of("ip", String.valueOf(ip)));
            return new Failed();
        }
        audit.record("login", "success", Map.of("user_id", account.get().id(), "ip", String.valueOf(ip)));
        String displayed = account.get().username() == null ? username.trim() : account.get().username();
        return new SignedIn(sessions.start(account.get().id(), displayed));
    }

    /**
     * registration-service compares user names after Unicode NFKC and lower case (one account for
     * {@code Alice@Example.com}, {@code alice@example.com} and their fullwidth forms), so requests are limited under
     * that same form, however the name is typed.
     */
    static String accountKey(String username) {
        return Normalizer.normalize(username.trim(), Normalizer.Form.NFKC).trim().toLowerCase(Locale.ROOT);
    }

    public sealed interface Result permits SignedIn, Failed, Throttled {
    }

    public record SignedIn(LoginSessions.NewSession session) implements Result {
    }

    public record Failed() implements Result {
    }

    /** Too many attempts: refused unchecked, with {@code Retry-After} and the {@code RateLimit-*} headers to send. */
    public record Throttled(Map<String, String> headers) implements Result {
    }
}
