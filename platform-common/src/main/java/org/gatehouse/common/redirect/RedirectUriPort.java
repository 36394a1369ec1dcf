package org.gatehouse.common.redirect;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The one rule for the port of a redirect URI, shared by registration (what may be registered) and the authorization
 * endpoint (what a loopback request may name, as any port is accepted there, RFC 8252 §7.3): a port, when the
 * authority names one, is 1 to 65535 written in canonical decimal. {@link URI} itself takes {@code 99999},
 * {@code 0}, {@code 04000} and an empty port, none of which a client can listen on or which two parties would
 * compare as the same string.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3986#section-3.2.3">RFC 3986 §3.2.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>
 */
public final class RedirectUriPort {

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,4}");

    private RedirectUriPort() {
    }

    /** True when the URI names no port, or a port of 1 to 65535 without leading zeros. */
    public static boolean isValid(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return true;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        // An IPv6 literal holds colons of its own: the port follows its closing bracket.
        int colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
        if (colon < 0) {
            return true;
        }
        String port = hostAndPort.substring(colon + 1);
        return CANONICAL.matcher(port).matches() && Integer.parseInt(port) <= 65_535;
    }
}
