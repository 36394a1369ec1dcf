package org.gatehouse.authorization.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import org.gatehouse.common.config.GatehouseConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * The two cookies of the web pages: the login session id and the pre-session CSRF token of the login form.
 * Both are HttpOnly, SameSite=Lax, Path=/ and Secure whenever the public URL is https; then they also take the
 * {@code __Host-} prefix, which browsers only accept from a secure origin without a Domain (no subdomain can
 * plant one).
 */
@ApplicationScoped
public class SessionCookies {

    static final String SESSION = "gatehouse_session";
    static final String LOGIN_CSRF = "gatehouse_login_csrf";
    private static final String HOST_PREFIX = "__Host-";
    /** The login form's CSRF cookie outlives a slow typist, not much more. */
    private static final Duration LOGIN_CSRF_LIFETIME = Duration.ofHours(1);

    private final boolean secure;

    public SessionCookies(GatehouseConfig gatehouse) {
        this.secure = gatehouse.publicUrl().regionMatches(true, 0, "https://", 0, 8);
    }

    public String sessionName() {
        return secure ? HOST_PREFIX + SESSION : SESSION;
    }

    public String loginCsrfName() {
        return secure ? HOST_PREFIX + LOGIN_CSRF : LOGIN_CSRF;
    }

    public Optional<String> sessionId(HttpHeaders headers) {
        return value(headers, sessionName());
    }

    public Optional<String> loginCsrf(HttpHeaders headers) {
        return value(headers, loginCsrfName());
    }

    public NewCookie session(String id, Duration lifetime) {
        return cookie(sessionName(), id, lifetime);
    }

    public NewCookie clearSession() {
        return cookie(sessionName(), "", Duration.ZERO);
    }

    public NewCookie loginCsrf(String token) {
        return cookie(loginCsrfName(), token, LOGIN_CSRF_LIFETIME);
    }

    public NewCookie clearLoginCsrf() {
        return cookie(loginCsrfName(), "", Duration.ZERO);
    }

    private NewCookie cookie(String name, String value, Duration lifetime) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()))
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    private static Optional<String> value(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(cookie.getValue());
    }
}
