package org.gatehouse.registration.client;

import org.gatehouse.common.redirect.RedirectUriPort;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one rule for a URL that people see or browsers fetch: client metadata ({@code client_uri}, {@code logo_uri},
 * {@code tos_uri}, {@code policy_uri}, Mastodon's {@code website}) and an account's {@code profile}, {@code picture}
 * and {@code website} claims. An absolute {@code http} or {@code https} URL with a host, no user information (which
 * makes {@code https://bank.example@evil.example/} read as the bank's), a port only from 1 to 65535
 * ({@link RedirectUriPort}), no space ({@link URI} refuses it) and nothing {@link DisplayText} refuses, at most a
 * given length.
 */
public final class HttpUrl {

    private HttpUrl() {
    }

    /**
     * The trimmed URL, or {@code null} when {@code value} is absent or blank.
     *
     * @param field the request's name for the value, used in the reason
     * @throws IllegalArgumentException with a client-safe reason when the value breaks the rule
     */
    public static String check(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        if (url.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters long");
        }
        if (DisplayText.isDisguised(url)) {
            throw new IllegalArgumentException(field + DisplayText.REFUSED);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be a valid http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(field + " must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(field + " must not contain user information");
        }
        if (!RedirectUriPort.isValid(uri)) {
            throw new IllegalArgumentException(field + " must name a port from 1 to 65535, if any");
        }
        return url;
    }
}
