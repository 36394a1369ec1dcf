package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;

import java.util.regex.Pattern;

/**
 * Checks the public fields of a new account. Usernames are 3 to 32 ASCII letters, digits, {@code _}, {@code .} or
 * {@code -}: they appear in URLs and Mastodon {@code acct} values, and ASCII rules out look-alike (homoglyph)
 * names. Emails get a syntax check only (RFC 5321 length limits, one {@code @}, a dotted domain); whether a
 * mailbox exists is not known here.
 */
@ApplicationScoped
public class AccountValidator {

    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    static final int MAX_EMAIL = 254;
    static final int MAX_DISPLAY_NAME = 100;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{" + MIN_USERNAME + "," + MAX_USERNAME + "}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /**
     * @param field the request's name for the username ({@code user_id}, {@code username}), used in messages
     */
    public String username(String field, String username) {
        if (username == null || username.isEmpty()) {
            throw OAuthException.invalidRequest(field + " is required");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw OAuthException.invalidRequest(field + " must be " + MIN_USERNAME + " to " + MAX_USERNAME
                    + " characters: letters, digits, '_', '.' or '-'");
        }
        return username;
    }

    /** The trimmed email, or {@code null} when none was given. */
    public String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches()
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidRequest("email must be a valid email address");
        }
        return trimmed;
    }

    /** The trimmed display name; the username when none was given. */
    public String displayName(String displayName, String username) {
        if (displayName == null || displayName.isBlank()) {
            return username;
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw OAuthException.invalidRequest("display_name must be at most " + MAX_DISPLAY_NAME + " characters long");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidRequest("display_name must not contain control characters");
        }
        return trimmed;
    }
}
