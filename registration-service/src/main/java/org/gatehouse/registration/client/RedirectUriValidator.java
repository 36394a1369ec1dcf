package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.redirect.RedirectUriPort;
import org.gatehouse.registration.config.RegistrationConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks redirection endpoints at registration time, so that the authorization endpoint only ever has to
 * compare strings exactly.
 * <ul>
 *   <li>absolute URI without fragment (RFC 6749 §3.1.2) and without userinfo (a classic phishing disguise);</li>
 *   <li>a port, when one is named, of 1 to 65535 in canonical decimal ({@link RedirectUriPort}): loopback URIs are
 *       matched on any port at the authorization endpoint, which applies the same rule;</li>
 *   <li>{@code https} for any host; {@code http} only for the loopback hosts {@code localhost}, {@code 127.0.0.1}
 *       and {@code [::1]} (RFC 8252 §7.3, §8.3);</li>
 *   <li>any other syntactically valid scheme as a private-use URI scheme for native apps (RFC 8252 §7.1), except
 *       schemes that run or read content in the browser itself ({@code javascript:}, {@code data:},
 *       {@code file:}, {@code vbscript:});</li>
 *   <li>{@code urn:ietf:wg:oauth:2.0:oob}, the out-of-band value Mastodon clients use;</li>
 *   <li>plain ASCII without whitespace, at most {@code maxLength} characters each and {@code maxCount} URIs.</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2">RFC 6749 §3.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7">RFC 8252 §7</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2 (redirect_uris)</a>
 */
@ApplicationScoped
public class RedirectUriValidator {

    public static final String OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "file", "vbscript");
    private static final int ECHO_LIMIT = 80;

    private final int maxCount;
    private final int maxLength;

    @Inject
    public RedirectUriValidator(RegistrationConfig config) {
        this(config.limits().maxRedirectUris(), config.limits().maxUriLength());
    }

    public RedirectUriValidator(int maxCount, int maxLength) {
        this.maxCount = maxCount;
        this.maxLength = maxLength;
    }

    /**
     * As {@link #validate}, for a client with these grant types: redirect-based grants need at least one registered
     * redirection endpoint (RFC 7591 §2).
     *
     * @throws OAuthException {@code invalid_redirect_uri} naming the first offending URI, or when none is given for
     *                        the {@code authorization_code} grant
     */
    public List<String> validateFor(Collection<String> redirectUris, Collection<String> grantTypes) {
        List<String> registered = validate(redirectUris);
        if (registered.isEmpty() && grantTypes.contains(ClientMetadata.AUTHORIZATION_CODE)) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "At least one redirect URI is required for the authorization_code grant");
        }
        return registered;
    }

    /**
     * The registered form of the given URIs: in the order given, duplicates dropped. No URIs gives an empty list;
     * whether a client needs one depends on its grant types ({@link #validateFor}).
     *
     * @throws OAuthException {@code invalid_redirect_uri} naming the first offending URI
     */
    public List<String> validate(Collection<String> redirectUris) {
        if (redirectUris == null || redirectUris.isEmpty()) {
            return List.of();
        }
        if (redirectUris.size() > maxCount) {
            throw invalid("At most " + maxCount + " redirect URIs may be registered");
        }
        Set<String> accepted = new LinkedHashSet<>();
        for (String redirectUri : redirectUris) {
            accepted.add(validateOne(redirectUri));
        }
        return List.copyOf(accepted);
    }

    private String validateOne(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("A redirect URI must not be empty");
        }
        if (raw.length() > maxLength) {
            throw invalid("A redirect URI must be at most " + maxLength + " characters long");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // URIs are ASCII (RFC 3986 §2); whitespace and controls would also make exact matching ambiguous.
            if (c <= 0x20 || c >= 0x7f) {
                throw invalid("A redirect URI must be ASCII without spaces or control characters");
            }
        }
        if (raw.indexOf('#') >= 0) {
            throw invalid("Redirect URI " + echo(raw) + " must not contain a fragment");
        }
        if (OUT_OF_BAND.equals(raw)) {
            return raw;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid("Redirect URI " + echo(raw) + " is not a valid URI");
        }
        if (!uri.isAbsolute()) {
            throw invalid("Redirect URI " + echo(raw) + " must be an absolute URI");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("Redirect URI " + echo(raw) + " must not contain user information");
        }
        if (!RedirectUriPort.isValid(uri)) {
            throw invalid("Redirect URI " + echo(raw) + " must name a port from 1 to 65535 without leading zeros");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https" -> requireHost(uri, raw);
            case "http" -> {
                requireHost(uri, raw);
                if (!LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                    throw invalid("Redirect URI " + echo(raw)
                            + " must use https; http is allowed only for localhost, 127.0.0.1 and [::1]");
                }
            }
            default -> {
                if (FORBIDDEN_SCHEMES.contains(scheme)) {
                    throw invalid("Redirect URI scheme '" + scheme + "' is not allowed");
                }
            }
        }
        return raw;
    }

    private static void requireHost(URI uri, String raw) {
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("Redirect URI " + echo(raw) + " must name a host");
        }
    }

    /** Quotes a URI that already passed the ASCII check, shortened so error bodies stay small. */
    private static String echo(String raw) {
        return "'" + (raw.length() > ECHO_LIMIT ? raw.substring(0, ECHO_LIMIT) + "..." : raw) + "'";
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_REDIRECT_URI, description);
    }
}
