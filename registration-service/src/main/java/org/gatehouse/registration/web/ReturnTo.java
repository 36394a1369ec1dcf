package org.gatehouse.registration.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where to send the browser after sign-up: only a path on this origin, so the page cannot be used as an open
 * redirector (RFC 6749 §10.15, OWASP Unvalidated Redirects). Scheme-relative ({@code //evil.example}), backslash
 * ({@code /\evil.example}), encoded-slash, absolute and control-character values are refused. (authorization-service
 * keeps the same rule for its login page.)
 */
public final class ReturnTo {

    private static final int MAX_LENGTH = 8192;
    private static final Pattern SAFE = Pattern.compile("/[\\x21-\\x7E]*");

    private ReturnTo() {
    }

    public static Optional<String> validate(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String lower = candidate.toLowerCase(java.util.Locale.ROOT);
        if (!SAFE.matcher(candidate).matches() || candidate.startsWith("//") || candidate.contains("\\")
                || lower.startsWith("/%2f") || lower.startsWith("/%5c")) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
