package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2, OWASP Authentication Cheat Sheet): long rather than
 * complicated, and not one attackers try first. At least {@value #MIN_LENGTH} and at most {@value #MAX_LENGTH}
 * characters (Unicode code points), not the username, not a single repeated character, and not on the bundled
 * list of common passwords ({@code passwords/common-passwords.txt}). No composition rules: they make passwords
 * harder to remember without making them harder to guess.
 *
 * @see <a href="https://pages.nist.gov/800-63-3/sp800-63b.html#memsecretver">NIST SP 800-63B §5.1.1.2</a>
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** Longer passwords add nothing and only make hashing a way to tie up the server. */
    public static final int MAX_LENGTH = 1024;
    static final String COMMON_PASSWORDS = "/passwords/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /**
     * @param field    the request's name for the password ({@code user_secret}, {@code password}), used in messages
     * @param username the account's username, which the password must not repeat
     * @throws OAuthException {@code invalid_request} naming the first rule broken
     */
    public void check(String field, String password, String username) {
        if (password == null || password.isEmpty()) {
            throw OAuthException.invalidRequest(field + " is required");
        }
        if (tooLong(password)) {
            throw OAuthException.invalidRequest(field + " must be at most " + MAX_LENGTH + " characters long");
        }
        String normalized = normalize(password);
        if (normalized.codePointCount(0, normalized.length()) < MIN_LENGTH) {
            throw OAuthException.invalidRequest(field + " must be at least " + MIN_LENGTH + " characters long");
        }
        if (username != null && normalized.equals(normalize(username))) {
            throw OAuthException.invalidRequest(field + " must not be the same as the username");
        }
        if (normalized.codePoints().distinct().count() == 1) {
            throw OAuthException.invalidRequest(field + " must not be a single repeated character");
        }
        if (common.contains(normalized)) {
            throw OAuthException.invalidRequest(field
                    + " is one of the most commonly used passwords; choose one that is harder to guess");
        }
    }

    /** Over {@value #MAX_LENGTH} code points: refused without hashing anything. */
    public static boolean tooLong(String password) {
        // Cheap bound first: a 64 KB body must not cost a full code-point scan per request.
        return password.length() > MAX_LENGTH && (password.length() > 2 * MAX_LENGTH
                || password.codePointCount(0, password.length()) > MAX_LENGTH);
    }

    private static String normalize(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String candidate = line.strip();
                if (!candidate.isEmpty() && !candidate.startsWith("#")) {
                    passwords.add(normalize(candidate));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
