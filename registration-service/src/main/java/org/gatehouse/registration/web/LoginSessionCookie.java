package org.gatehouse.registration.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.gatehouse.common.config.GatehouseConfig;

import java.util.Optional;

/**
 * Reads authorization-service's login session cookie, which the browser sends here too (one public origin, Path=/).
 * Its name is {@code gatehouse_session}, or {@code __Host-gatehouse_session} when the public URL is https, as
 * authorization-service sets it. This service never sets or clears it: the value is only forwarded to
 * authorization-service, which alone can tell whose session it is.
 */
@ApplicationScoped
public class LoginSessionCookie {

    static final String NAME = "gatehouse_session";
    private static final String HOST_PREFIX = "__Host-";

    private final String name;

    public LoginSessionCookie(GatehouseConfig gatehouse) {
        this.name = gatehouse.publicUrl().regionMatches(true, 0, "https://", 0, 8) ? HOST_PREFIX + NAME : NAME;
    }

    public Optional<String> value(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(name);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(cookie.getValue());
    }
}
