package org.gatehouse.authorization.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.repository.LoginSession;
import org.gatehouse.authorization.repository.LoginSessionRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side login sessions (OWASP Session Management Cheat Sheet): the browser holds a 256-bit random id, the
 * database only its SHA-256, so a database leak yields no usable session. Sessions end after an idle timeout and an
 * absolute timeout, and a new id is issued at every login (no session fixation).
 */
@ApplicationScoped
public class LoginSessions {

    /** Sliding the idle expiry costs a write; doing it at most this often keeps page views read-only. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final LoginSessionRepository sessions;
    private final AuthorizationConfig config;

    public LoginSessions(LoginSessionRepository sessions, AuthorizationConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** Starts a session for a user who just proved their password; returns the id to put in the cookie. */
    @Transactional
    public NewSession start(String userId, String username) {
        Instant now = Instant.now();
        String id = OpaqueTokens.generate();
        LoginSession session = new LoginSession();
        session.id = UUID.randomUUID();
        session.sessionHash = OpaqueTokens.sha256(id);
        session.userId = userId;
        session.username = username;
        session.csrfToken = OpaqueTokens.generate();
        session.authTime = now;
        session.lastSeenAt = now;
        session.absoluteExpiresAt = now.plus(config.session().absoluteTimeout());
        session.idleExpiresAt = min(now.plus(config.session().idleTimeout()), session.absoluteExpiresAt);
        sessions.persist(session);
        return new NewSession(id, toUser(session));
    }

    /** The user of a live session, sliding its idle expiry; empty for an unknown, expired or absent id. */
    @Transactional
    public Optional<SignedInUser> find(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 128) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return sessions.findLive(OpaqueTokens.sha256(sessionId), now).map(session -> {
            if (session.lastSeenAt.plus(TOUCH_INTERVAL).isBefore(now)) {
                session.lastSeenAt = now;
                session.idleExpiresAt = min(now.plus(config.session().idleTimeout()), session.absoluteExpiresAt);
            }
            return toUser(session);
        });
    }

    @Transactional
    public void end(String sessionId) {
        if (sessionId != null && !sessionId.isBlank()) {
            sessions.deleteByHash(OpaqueTokens.sha256(sessionId));
        }
    }

    /** Cookie lifetime: the absolute timeout (the server enforces the idle one). */
    public Duration cookieLifetime() {
        return config.session().absoluteTimeout();
    }

    private static SignedInUser toUser(LoginSession session) {
        return new SignedInUser(session.userId, session.username, session.csrfToken, session.authTime);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** @param id the raw session id, for the cookie only */
    public record NewSession(String id, SignedInUser user) {
    }
}
