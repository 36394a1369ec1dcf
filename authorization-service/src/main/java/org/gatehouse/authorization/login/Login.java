package org.gatehouse.authorization.login;

import org.gatehouse.common.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.remote.Account;
import org.gatehouse.authorization.remote.RegistrationGateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A password login: throttle check, password check by registration-service, new session. A failure never says
 * whether the account exists (OWASP: generic authentication error messages).
 */
@ApplicationScoped
public class Login {

    private static final int MAX_FIELD_LENGTH = 1024;

    private final RegistrationGateway registration;
    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final AuditLog audit;

    public Login(RegistrationGateway registration, LoginThrottle throttle, LoginSessions sessions, AuditLog audit) {
        this.registration = registration;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
    }

    public Result attempt(String username, String password, String ip) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > MAX_FIELD_LENGTH || password.length() > MAX_FIELD_LENGTH) {
            return new Failed();
        }
        Optional<LoginThrottle.Lockout> lockout = throttle.lockout(username, ip);
        if (lockout.isPresent()) {
            audit.record("login", "throttled", Map.of("ip", String.valueOf(ip)));
            return new Throttled(lockout.get().retryAfter(), lockout.get().limit());
        }
        Optional<Account> account = registration.authenticate(username.trim(), password);
        if (account.isEmpty()) {
            throttle.recordFailure(username, ip);
            audit.record("login", "failure", Map.of("ip", String.valueOf(ip)));
            return new Failed();
        }
        throttle.recordSuccess(username);
        audit.record("login", "success", Map.of("user_id", account.get().id(), "ip", String.valueOf(ip)));
        String displayed = account.get().username() == null ? username.trim() : account.get().username();
        return new SignedIn(sessions.start(account.get().id(), displayed));
    }

    public sealed interface Result permits SignedIn, Failed, Throttled {
    }

    public record SignedIn(LoginSessions.NewSession session) implements Result {
    }

    public record Failed() implements Result {
    }

    /** A failure limit of {@code limit} is reached; tries are refused for {@code retryAfter}. */
    public record Throttled(Duration retryAfter, int limit) implements Result {
    }
}
