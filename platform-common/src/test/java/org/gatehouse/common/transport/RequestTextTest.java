package org.gatehouse.common.transport;

import com.fasterxml.jackson.core.JsonFactory;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which raw queries and bodies {@link RequestText} lets through (over HTTP: each service's tests). */
class RequestTextTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;
    private static final MediaType JSON_TYPE = MediaType.APPLICATION_JSON_TYPE;
    private static final String BOUNDARY = "b0undary";
    private static final MediaType MULTIPART = MediaType.valueOf("multipart/form-data; boundary=" + BOUNDARY);

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%E2%80%AE%F0%9F%92%A5&response_type=code", "a=%C3%A9+b", "x=%25zz",
            "redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1", "q=caf%C3%A9", "scope=openid%20read",
            "a=%C2%A0", "state=a=b", "a=b#fragment", ""})
    void problemInRequestTargetWhenQueryIsWellFormedUtf8WithoutControlsThenNone(String rawQuery) {
        assertNull(RequestText.problemInRequestTarget(rawQuery, RequestText.QUERY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%E2%80%AE%00%F0%9F%92%A5&response_type=code", "a=%0A", "a=%0d", "a=%09",
            "a=%1B", "a=%7F", "a=%C0%AF", "a=%FF", "a=%ED%A0%80", "a=%E2%80", "a=%zz", "a=%", "a=%4", "q=\u00ff",
            "q=\u0100", "a=%C2%85", "a=%C2%80", "a=%C2%9F", "a=\u0000", "a=\u001b", "a=\u0085", "a=x\"y", "a=<b>",
            "a={}", "a=b c"})
    void problemInRequestTargetWhenQueryCarriesControlInvalidUtf8OrBrokenEscapeThenRefused(String rawQuery) {
        assertNotNull(RequestText.problemInRequestTarget(rawQuery, RequestText.QUERY));
    }

    /**
     * A raw byte of 0x80 or above (here as Netty hands it over, one ISO-8859-1 character a byte) is refused even
     * where it starts well-formed UTF-8: re-sent, it would be re-encoded ({@code é} C3 A9 as {@code %C3%83%C2%A9}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"client_id=caf\u00c3\u00a9", "client_id=\u00c3\u00bf", "a=\u00a0"})
    void problemInRequestTargetWhenRawUtf8BytesThenRefusedAsNotAscii(String rawQuery) {
        assertEquals("The request query contains a byte that is not ASCII; percent-encode it (RFC 3986)",
                RequestText.problemInRequestTarget(rawQuery, RequestText.QUERY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/oauth/authorize", "/api/v1/nodes/a+b", "/caf%C3%A9", "/a;b", "*",
            "http://gatehouse.example/login"})
    void problemInRequestTargetWhenPathIsWellFormedThenNone(String rawPath) {
        assertNull(RequestText.problemInRequestTarget(rawPath, RequestText.PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login%ZZ", "/login%", "/a\u0000", "/caf\u00c3\u00a9", "/\u00ff", "/a%00", "/a%C2%85",
            "/a{b}", "/a|b", "/a\u007f"})
    void problemInRequestTargetWhenPathIsMalformedThenRefused(String rawPath) {
        assertNotNull(RequestText.problemInRequestTarget(rawPath, RequestText.PATH));
    }

    /** A header value's bytes arrive one per ISO-8859-1 character: UTF-8 text there is not a C1 control. */
    @Test
    void hasControlInHeaderWhenUtf8BytesThenNoneButAsciiControlsAre() {
        String ellipsis = new String("caf\u00e9 \u2026".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertFalse(RequestText.hasControlInHeader(ellipsis + "\tx"));
        assertTrue(RequestText.hasControlInHeader("a\u0000b"));
        assertTrue(RequestText.hasControlInHeader("a\u007fb"));
    }

    /** A multi-line field (redirect URIs one per line) keeps its line breaks and tabs in a body. */
    @ParameterizedTest
    @ValueSource(strings = {"redirect_uris=https%3A%2F%2Fa.example%2Fcb%0D%0Ahttps%3A%2F%2Fb.example%2Fcb",
            "name=%09indented%0A", "a=%C3%A9+b&c=%F0%9F%92%A5", "raw=caf\u00c3\u00a9", "", "a&b=&c", "a==b"})
    void problemInBodyWhenFormIsTextWithLineBreaksThenNone(String body) {
        assertNull(problem(FORM, body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_name=a%00b", "a=%1B%5B31m", "a=%7F", "a=%0B", "a=%C0%80", "a=%FF", "a=%ED%A0%80",
            "a=%E2%80", "a=%zz", "a=%", "a=%4", "%00=x", "raw=\u0000", "raw=\u00ff", "=", "a=b&==", "=x",
            "state=%C2%85", "a=%C2%9B31m"})
    void problemInBodyWhenFormCarriesControlInvalidUtf8OrBrokenEscapeThenRefused(String body) {
        assertNotNull(problem(FORM, body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void problemInBodyWhenFormDeclaresLatin1ThenItsBytesAreLatin1Text() {
        MediaType latin1 = MediaType.valueOf("application/x-www-form-urlencoded; charset=ISO-8859-1");
        assertNull(problem(latin1, "name=caf%E9".getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(problem(latin1, "name=caf%00".getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(problem(MediaType.valueOf("application/x-www-form-urlencoded; charset=nonsense"),
                "a=b".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"redirect_uris\":\"https://a.example/cb\\nurn:ietf:wg:oauth:2.0:oob\"}",
            "{\"a\":[\"\\t\",\"\\r\\n\",{\"\\u00e9\":\"\\ud83d\\udca5\"}]}", "{\n\t\"a\": 1\r\n}", "[]", "\"x\"",
            "{\"client_name\":\"caf\u00e9 \uD83D\uDCA5\"}", "{broken", ""})
    void problemInBodyWhenJsonIsTextOrMalformedThenNone(String body) {
        // Malformed JSON is the endpoint's to refuse (as malformed); only readable JSON is judged here.
        assertNull(problem(JSON_TYPE, body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"client_name\":\"a\\u0000b\"}", "{\"a\\u0000\":1}", "{\"a\":[\"\\u001b[31m\"]}",
            "{\"a\":\"\\u007f\"}", "{\"a\":\"\\u000b\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}",
            "{\"a\":\"x\u0000\"}", "{\"a\":1}\u0000", "{\"a\":\"\\u0085\"}", "{\"a\":\"x\u0085\"}"})
    void problemInBodyWhenJsonStringDecodesToControlOrLoneSurrogateThenRefused(String body) {
        assertNotNull(problem(JSON_TYPE, body.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(problem(MediaType.valueOf("application/merge-patch+json"),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void problemInBodyWhenJsonBytesAreNotUtf8ThenRefused() {
        byte[] overlongSlash = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] loneFf = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertNotNull(problem(JSON_TYPE, overlongSlash));
        assertNotNull(problem(JSON_TYPE, loneFf));
    }

    @Test
    void problemInBodyWhenMultipartPartsAreTextThenNone() {
        String body = part("client_name", "text/plain; charset=UTF-8", null, "My app \uD83D\uDCA5")
                + part("redirect_uris", null, null, "https://a.example/cb\nurn:ietf:wg:oauth:2.0:oob") + end();
        assertNull(problem(MULTIPART, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void problemInBodyWhenMultipartPartCarriesNulOrInvalidUtf8ThenRefused() {
        assertNotNull(problem(MULTIPART, (part("client_name", null, null, "a\u0000b") + end())
                .getBytes(StandardCharsets.UTF_8)));
        byte[] invalid = (part("client_name", null, null, "a\u00ffb") + end()).getBytes(StandardCharsets.ISO_8859_1);
        assertNotNull(problem(MULTIPART, invalid));
    }

    /** A part's transfer encoding is undone before the check: base64 "AA==" is a NUL. */
    @Test
    void problemInBodyWhenBase64OrQuotedPrintablePartDecodesToNulThenRefused() {
        assertNotNull(problem(MULTIPART, (part("client_name", null, "base64", "YQBi") + end())
                .getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(problem(MULTIPART, (part("client_name", null, "quoted-printable", "a=00b") + end())
                .getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_name=x", "{\"client_name\":\"x\"}", "--b0undary\r\nno end", ""})
    void problemInBodyWhenMultipartIsNotMultipartThenRefused(String body) {
        assertNotNull(problem(MULTIPART, body.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(problem(MediaType.MULTIPART_FORM_DATA_TYPE, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void problemInBodyWhenFieldRefusedThenDescriptionNamesItOnlyWhenItLooksLikeAParameter() {
        assertEquals("The form field user_id contains a control character (such as NUL), which no value may hold",
                problem(FORM, "user_secret=x&user_id=a%00b".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("The form field (unnamed) is not UTF-8 text",
                problem(FORM, "%3Cscript%3E=%FF".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("The JSON member user_id contains a control character (such as \\u0000), which no value may hold",
                problem(JSON_TYPE, "{\"user_id\":\"a\\u0000\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("The JSON member tags contains an unpaired surrogate escape, which is not text",
                problem(JSON_TYPE, "{\"tags\":[\"\\ud800\"]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void formatOfWhenTypesGivenThenFormJsonMultipartOrUnchecked() {
        assertEquals(RequestText.FORM, RequestText.formatOf(MediaType.valueOf("application/x-www-form-urlencoded;charset=UTF-8")));
        assertEquals(RequestText.JSON, RequestText.formatOf(MediaType.valueOf("application/JSON")));
        assertEquals(RequestText.JSON, RequestText.formatOf(MediaType.valueOf("application/merge-patch+json")));
        assertEquals(RequestText.MULTIPART, RequestText.formatOf(MULTIPART));
        assertNull(RequestText.formatOf(MediaType.valueOf("text/plain")));
        assertNull(RequestText.formatOf(MediaType.valueOf("application/jwt")));
    }

    private static String problem(MediaType type, byte[] body) {
        return RequestText.problemInBody(RequestText.formatOf(type), type, body, JSON);
    }

    private static String part(String name, String contentType, String transferEncoding, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
                + "\r\n" + content + "\r\n";
    }

    private static String end() {
        return "--" + BOUNDARY + "--\r\n";
    }
}
