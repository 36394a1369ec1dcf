package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.repository.Account;

import java.util.regex.Pattern;

/**
 * Checks the public fields of a new account. A username is either a bare name, 3 to 32 ASCII letters, digits,
 * {@code _}, {@code .} or {@code -}, or an e-mail address (what people sign in with elsewhere). Both are ASCII only,
 * which rules out look-alike (homoglyph) names: a Cyrillic {@code а} or a fullwidth {@code ａ} would otherwise name
 * an account that reads like someone else's. The address is stored as typed; uniqueness and sign-in compare
 * {@link org.gatehouse.registration.repository.Account#key its normalised form}.
 * <p>
 * No address-parsing library is on the classpath, so addresses follow one strict rule, for user names and the
 * {@code email} field alike: the WHATWG HTML "valid e-mail address" (what browsers' {@code type=email} accept) with
 * the local part a dot-atom (RFC 5322 §3.2.3: no leading, trailing or doubled dot), RFC 5321 §4.5.3.1 limits (64 for
 * the local part, 63 per domain label, 254 in all), at least two domain labels and a top-level label that is not
 * all digits. Quoted local parts, comments and IP literals are refused. Whether a mailbox exists is not known here.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address">WHATWG valid e-mail address</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1">RFC 5321 §4.5.3.1 (size limits)</a>
 */
@ApplicationScoped
public class AccountValidator {

    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    public static final int MAX_EMAIL = 254;
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DISPLAY_NAME = 100;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{" + MIN_USERNAME + "," + MAX_USERNAME + "}");
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern EMAIL = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*\\.(?=[A-Za-z0-9-]*[A-Za-z])" + LABEL);

    /**
     * @param field the request's name for the username ({@code user_id}, {@code username}), used in messages
     */
    public String username(String field, String username) {
        if (username == null || username.isEmpty()) {
            throw OAuthException.invalidRequest(field + " is required");
        }
        if (!USERNAME.matcher(username).matches() && !isAddress(username)) {
            throw OAuthException.invalidRequest(field + " must be " + MIN_USERNAME + " to " + MAX_USERNAME
                    + " characters: letters, digits, '_', '.' or '-', or an e-mail address of at most " + MAX_EMAIL
                    + " characters");
        }
        return username;
    }

    /** True when the (valid) username is an e-mail address, which then is also the account's email. */
    public static boolean isAddress(String username) {
        return username.length() <= MAX_EMAIL && username.indexOf('@') > 0
                && username.indexOf('@') <= MAX_LOCAL_PART && EMAIL.matcher(username).matches();
    }

    /** The trimmed email, or {@code null} when none was given. */
    public String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (!isAddress(trimmed)) {
            throw OAuthException.invalidRequest("email must be a valid email address");
        }
        return trimmed;
    }

    /**
     * The account's email: the username when that is an address (a separate {@code email} must then be empty or the
     * same address), else the checked {@code email} field or {@code null}.
     */
    public String email(String username, String email) {
        String checked = email(email);
        if (!isAddress(username)) {
            return checked;
        }
        if (checked != null && !Account.key(checked).equals(Account.key(username))) {
            throw OAuthException.invalidRequest("email must be empty or the same address as the username");
        }
        return username;
    }

    /** The trimmed display name; the username when none was given. */
    public String displayName(String displayName, String username) {
        String name = optionalName(displayName, "display_name");
        return name == null ? username : name;
    }

    /** A trimmed name (given, family), or {@code null} when none was given. */
    public String optionalName(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME) {
            throw OAuthException.invalidRequest(field + " must be at most " + MAX_DISPLAY_NAME + " characters long");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidRequest(field + " must not contain control characters");
        }
        return trimmed;
    }
}
