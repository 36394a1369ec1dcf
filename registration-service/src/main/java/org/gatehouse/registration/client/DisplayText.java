package org.gatehouse.registration.client;

/**
 * The one rule for text Gatehouse shows to people as someone else wrote it (app names and URLs on the consent and
 * account pages, profile claims in other apps): no control characters and no invisible formatting characters.
 * A right-to-left override ({@code U+202E}) makes {@code "Bank\u202Egnp.exe"} read as {@code "Bankexe.png"}; a
 * zero-width space or a soft hyphen makes two names that look alike different strings. Unicode's format category
 * (Cf) holds all of these; the zero-width non-joiner and joiner are kept, as Persian, Indic scripts and emoji
 * sequences are written with them. Line and paragraph separators count as control characters.
 *
 * @see <a href="https://www.unicode.org/reports/tr36/">Unicode TR #36, Security Considerations</a>
 */
public final class DisplayText {

    /** The reason a refused value is given, after its field's name. */
    public static final String REFUSED = " must not contain control characters or invisible formatting characters"
            + " (such as a right-to-left override)";

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private DisplayText() {
    }

    /** True when {@code text} holds a character that hides or reorders what a reader sees. */
    public static boolean isDisguised(String text) {
        return text.codePoints().anyMatch(DisplayText::disguises);
    }

    private static boolean disguises(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.FORMAT -> codePoint != ZERO_WIDTH_NON_JOINER && codePoint != ZERO_WIDTH_JOINER;
            default -> false;
        };
    }
}
