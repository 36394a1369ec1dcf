package org.gatehouse.authorization.login;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where to send the browser after login: only a path on this origin, so the login page cannot be used as an open
 * redirector (RFC 6749 §10.15, OWASP Unvalidated Redirects). Scheme-relative ({@code //evil.com}), backslash
 * ({@code /\evil.com}), absolute and control-character values are refused.
 */
public final class ReturnTo {

    public static final String DEFAULT = "/account";
    private static final int MAX_LENGTH = 8192;
    private static final Pattern SAFE = Pattern.compile("/[\\x21-\\x7E]*");

    private ReturnTo() {
    }

    public static Optional<String> validate(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (!SAFE.matcher(candidate).matches() || candidate.startsWith("//") || candidate.contains("\\")
                || candidate.startsWith("/%2f") || candidate.startsWith("/%2F") || candidate.startsWith("/%5c")
                || candidate.startsWith("/%5C")) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    public static String orDefault(String candidate) {
        return validate(candidate).orElse(DEFAULT);
    }
}
