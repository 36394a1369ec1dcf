package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.DisplayText;
import org.gatehouse.registration.client.HttpUrl;
import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.ProfileClaims;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>
 * The profile claims a user edits later follow OIDC Core §5.1: names, {@code nickname} and {@code gender} are
 * printable text ({@link DisplayText}) of at most {@value #MAX_DISPLAY_NAME} characters; {@code profile}, {@code picture} and {@code website}
 * are {@link HttpUrl http(s) URLs}; {@code birthdate} is {@code YYYY-MM-DD}, {@code 0000-MM-DD} or {@code YYYY};
 * {@code zoneinfo} an IANA time zone; {@code locale} a BCP 47 language tag.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address">WHATWG valid e-mail address</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1">RFC 5321 §4.5.3.1 (size limits)</a>
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims">OIDC Core §5.1</a>
 */
@ApplicationScoped
public class AccountValidator {

    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    public static final int MAX_EMAIL = 254;
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DISPLAY_NAME = 100;
    /** Longest profile, picture or website URL, as for client websites (Mastodon's limit). */
    static final int MAX_URL = 2000;
    /** A language, script, region and a variant or two; extensions beyond that are no one's locale. */
    static final int MAX_LOCALE = 64;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{" + MIN_USERNAME + "," + MAX_USERNAME + "}");
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern EMAIL = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*\\.(?=[A-Za-z0-9-]*[A-Za-z])" + LABEL);
    private static final Pattern BIRTHDATE = Pattern.compile("([0-9]{4})(?:-([0-9]{2})-([0-9]{2}))?");
    /** A leap year, for a birthday whose year is withheld ({@code 0000-02-29}). */
    private static final int ANY_LEAP_YEAR = 2000;
    /**
     * The IANA zones Java knows, by lower case for a case-insensitive match. Java's {@code SystemV/} ids are its own,
     * not IANA's.
     */
    private static final Map<String, String> ZONES = new TreeMap<>();

    static {
        for (String zone : ZoneId.getAvailableZoneIds()) {
            if (!zone.startsWith("SystemV/")) {
                ZONES.put(zone.toLowerCase(Locale.ROOT), zone);
            }
        }
    }

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
        if (DisplayText.isDisguised(trimmed)) {
            throw OAuthException.invalidRequest(field + DisplayText.REFUSED);
        }
        return trimmed;
    }

    /**
     * The profile claims checked and trimmed, blank ones {@code null}, the display name the username when none was
     * given.
     *
     * @throws OAuthException {@code invalid_request} naming the first field that breaks its rule
     */
    public ProfileClaims profileClaims(ProfileClaims typed, String username) {
        return new ProfileClaims(
                displayName(typed.displayName(), username),
                optionalName(typed.givenName(), "given_name"),
                optionalName(typed.familyName(), "family_name"),
                optionalName(typed.middleName(), "middle_name"),
                optionalName(typed.nickname(), "nickname"),
                url(typed.profile(), "profile"),
                url(typed.picture(), "picture"),
                url(typed.website(), "website"),
                // OIDC Core §5.1: female or male, or any other value when neither applies.
                optionalName(typed.gender(), "gender"),
                birthdate(typed.birthdate()),
                zoneinfo(typed.zoneinfo()),
                locale(typed.locale()));
    }

    /** An absolute http(s) URL (a web page or an image), trimmed, or {@code null} when none was given. */
    public String url(String value, String field) {
        try {
            return HttpUrl.check(field, value, MAX_URL);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest(e.getMessage());
        }
    }

    /**
     * OIDC Core §5.1 {@code birthdate}: ISO 8601 {@code YYYY-MM-DD}, {@code 0000-MM-DD} when the year is withheld, or
     * {@code YYYY} alone. A real calendar date, not in the future anywhere on Earth.
     */
    public String birthdate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String date = value.strip();
        var parts = BIRTHDATE.matcher(date);
        String shape = "birthdate must be a date as YYYY-MM-DD, 0000-MM-DD (year withheld) or YYYY";
        if (!parts.matches()) {
            throw OAuthException.invalidRequest(shape);
        }
        int year = Integer.parseInt(parts.group(1));
        boolean yearOnly = parts.group(2) == null;
        if (year == 0 && yearOnly) {
            throw OAuthException.invalidRequest(shape);
        }
        LocalDate latest = LocalDate.now(ZoneOffset.MAX);
        try {
            if (yearOnly) {
                if (year > latest.getYear()) {
                    throw OAuthException.invalidRequest("birthdate must not be in the future");
                }
                return date;
            }
            LocalDate day = LocalDate.of(year == 0 ? ANY_LEAP_YEAR : year, Integer.parseInt(parts.group(2)),
                    Integer.parseInt(parts.group(3)));
            if (year != 0 && day.isAfter(latest)) {
                throw OAuthException.invalidRequest("birthdate must not be in the future");
            }
        } catch (DateTimeException e) {
            throw OAuthException.invalidRequest("birthdate must be a real calendar date");
        }
        return date;
    }

    /**
     * OIDC Core §5.1 {@code zoneinfo}: a time zone of the IANA database ({@code Europe/Paris}), in its own spelling
     * whatever the case typed.
     */
    public String zoneinfo(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String zone = ZONES.get(value.strip().toLowerCase(Locale.ROOT));
        if (zone == null) {
            throw OAuthException.invalidRequest("zoneinfo must be a time zone of the IANA database, such as"
                    + " Europe/Paris or America/Los_Angeles");
        }
        return zone;
    }

    /**
     * OIDC Core §5.1 {@code locale}: a well-formed BCP 47 language tag naming a language ({@code en-US}, {@code fr}),
     * in its canonical case. A tag Java would read as another one (the deprecated {@code i-klingon}) or not at all
     * ({@code en_US}) is refused rather than changed.
     */
    public String locale(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String tag = value.strip();
        String refused = "locale must be a BCP 47 language tag such as en-US or fr";
        if (tag.length() > MAX_LOCALE) {
            throw OAuthException.invalidRequest(refused);
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw OAuthException.invalidRequest(refused);
        }
        String canonical = locale.toLanguageTag();
        if (locale.getLanguage().isEmpty() || !canonical.equalsIgnoreCase(tag)) {
            throw OAuthException.invalidRequest(refused);
        }
        return canonical;
    }
}
