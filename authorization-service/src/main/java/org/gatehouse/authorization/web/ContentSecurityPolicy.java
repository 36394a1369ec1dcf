package org.gatehouse.authorization.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pages' Content-Security-Policy. {@code form-action 'self'} alone would break the flow in Chromium, which
 * applies form-action to the redirects that follow a form submission: the consent form (and the login form,
 * when a remembered consent lets the authorization request redirect at once) ends in a redirect to the client.
 * Such pages therefore also name the origin of the one validated redirect URI.
 *
 * @see <a href="https://www.w3.org/TR/CSP3/#directive-form-action">CSP Level 3 form-action</a>
 */
public final class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";
    public static final String DEFAULT = policy("'self'");

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");

    private ContentSecurityPolicy() {
    }

    /** The default policy, with form submissions also allowed to end at {@code redirectUri}'s origin. */
    public static String allowingRedirectTo(String redirectUri) {
        return sourceOf(redirectUri).map(source -> policy("'self' " + source)).orElse(DEFAULT);
    }

    private static String policy(String formAction) {
        return "default-src 'self'; frame-ancestors 'none'; form-action " + formAction
                + "; base-uri 'none'; object-src 'none'";
    }

    /** {@code scheme://host[:port]} for web URIs, {@code scheme:} for private-use schemes (RFC 8252 §7.1). */
    static Optional<String> sourceOf(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            if (scheme == null || !SCHEME.matcher(scheme).matches() || "urn".equalsIgnoreCase(scheme)) {
                return Optional.empty();
            }
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                return Optional.of(scheme.toLowerCase() + ":");
            }
            String host = parsed.getHost();
            if (host == null || !HOST.matcher(host).matches()) {
                return Optional.empty();
            }
            return Optional.of(scheme.toLowerCase() + "://" + host + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
