package org.gatehouse.registration.endpoint;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an opaque Bearer token from an {@code Authorization} header (RFC 6750 §2.1). The scheme is matched
 * case-insensitively; anything that is not a single b64token yields {@code null}, which the protocol classes treat as
 * "no token".
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>
 */
final class BearerToken {

    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private BearerToken() {
    }

    static String from(String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return B64TOKEN.matcher(token).matches() ? token : null;
    }
}
