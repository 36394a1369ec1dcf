package org.gatehouse.registration.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import org.gatehouse.common.config.GatehouseConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CSRF protection of this service's forms by double submit (OWASP CSRF Prevention Cheat Sheet): this service keeps no
 * session of its own, so each form carries a 256-bit random token that must equal the one in a cookie only this
 * origin can set. The cookie is HttpOnly and SameSite=Strict; when the public URL is https it is also Secure and
 * takes the {@code __Host-} prefix, which browsers accept only from a secure origin without a Domain attribute, so
 * no sibling subdomain can plant a known token.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#alternative-using-a-double-submit-cookie-pattern">OWASP double submit</a>
 */
@ApplicationScoped
public class FormCsrf {

    static final String COOKIE = "gatehouse_registration_csrf";
    public static final String FIELD = "csrf_token";
    private static final String HOST_PREFIX = "__Host-";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final boolean secure;

    public FormCsrf(GatehouseConfig gatehouse) {
        this.secure = gatehouse.publicUrl().regionMatches(true, 0, "https://", 0, 8);
    }

    public String cookieName() {
        return secure ? HOST_PREFIX + COOKIE : COOKIE;
    }

    /** The browser's current token, or a new one; a page with a form puts it in the form and in {@link #cookie}. */
    public String token(HttpHeaders headers) {
        return current(headers).orElseGet(this::generate);
    }

    public NewCookie cookie(String token) {
        return new NewCookie.Builder(cookieName())
                .value(token)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    /** True when the submitted token equals the cookie's; compared in constant time, absent never matches. */
    public boolean verify(HttpHeaders headers, String submitted) {
        Optional<String> expected = current(headers);
        return expected.isPresent() && submitted != null && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> current(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(cookieName());
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(value -> TOKEN.matcher(value).matches());
    }

    private String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
