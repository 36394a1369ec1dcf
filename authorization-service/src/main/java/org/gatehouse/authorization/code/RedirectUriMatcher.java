package org.gatehouse.authorization.code;

import org.gatehouse.common.redirect.RedirectUriPort;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a requested redirect URI with the registered ones: exact string match (RFC 6749 §3.1.2.3, OAuth 2.1
 * §2.3.1), except that a loopback redirect URI may use any port (RFC 8252 §7.3: native apps listen on an
 * ephemeral port). Loopback means the IP literals only: {@code localhost} is a name that DNS or a hosts file may point
 * elsewhere (RFC 8252 §8.3), so a {@code localhost} redirect URI must match exactly, port included. A port is 1 to
 * 65535 in canonical decimal ({@link RedirectUriPort}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3">RFC 6749 §3.1.2.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-8.3">RFC 8252 §8.3</a>
 */
public final class RedirectUriMatcher {

    /** Mastodon's out-of-band redirect: the code is shown to the user instead of being sent anywhere. */
    public static final String OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]");

    private RedirectUriMatcher() {
    }

    /**
     * The requested URI when one registered URI accepts it. A requested URI whose port is not 1 to 65535 in canonical
     * decimal ({@link RedirectUriPort}, the rule registration applies) matches none: on loopback any port is accepted,
     * and {@code 99999}, {@code 0} or {@code 04000} is no port a client listens on.
     */
    public static Optional<String> match(List<String> registered, String requested) {
        if (requested == null || !hasValidPort(requested)) {
            return Optional.empty();
        }
        for (String candidate : registered) {
            if (candidate.equals(requested) || loopbackMatch(candidate, requested)) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    private static boolean loopbackMatch(String registered, String requested) {
        URI a = parse(registered);
        URI b = parse(requested);
        if (a == null || b == null || !isLoopback(a) || !isLoopback(b)) {
            return false;
        }
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getRawUserInfo() == null && b.getRawUserInfo() == null
                && Objects.equals(a.getRawPath(), b.getRawPath())
                && Objects.equals(a.getRawQuery(), b.getRawQuery())
                && a.getRawFragment() == null && b.getRawFragment() == null;
    }

    private static boolean isLoopback(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** A value that is not a URI names no port; exact string comparison alone decides for it. */
    private static boolean hasValidPort(String value) {
        try {
            return RedirectUriPort.isValid(new URI(value));
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && !uri.isOpaque() ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
