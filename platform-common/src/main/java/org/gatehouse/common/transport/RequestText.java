package org.gatehouse.common.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.common.util.CaseInsensitiveMap;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What text a request may carry, judged on the bytes as they arrived: the decoded text of a query, a form body, a
 * JSON body (including what its escapes decode to: {@code &#92;u0000} is valid JSON and a NUL all the same) or a
 * multipart body (each part after its transfer encoding). No value may hold a NUL, another C0 control character,
 * DEL or a C1 control character (U+0080 to U+009F: no text needs one, and U+0085 is a line break to some readers),
 * or bytes that are not text in their charset. Bodies may hold HTAB, CR and LF: a multi-line field (the developer
 * page's redirect URIs, Mastodon's newline-separated {@code redirect_uris}) is legitimate, and every field a line
 * break could harm is validated against its own grammar. A query may hold no control character at all.
 */
final class RequestText {

    static final String FORM = "form";
    static final String JSON = "JSON";
    static final String MULTIPART = "multipart";
    static final String PATH = "path";
    static final String QUERY = "query";
    private static final String CONTROL = " contains a control character (such as NUL), which no value may hold";

    private RequestText() {
    }

    /** Which body format a Content-Type names, or null for one whose text is not checked here. */
    static String formatOf(MediaType type) {
        if (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return FORM;
        }
        if (type.getType().equalsIgnoreCase("application") && (type.getSubtype().equalsIgnoreCase("json")
                || type.getSubtype().toLowerCase().endsWith("+json"))) {
            return JSON;
        }
        if (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return MULTIPART;
        }
        return null;
    }

    /**
     * What is wrong with a raw path or query of the request target (as Netty hands it over: each byte as the
     * ISO-8859-1 character), or null. A request target is ASCII (RFC 3986 §2): every other byte travels
     * percent-encoded, and every browser sends it so. A raw byte of 0x80 or above is refused even where it starts
     * well-formed UTF-8, because it cannot be passed on as it came: Netty reads it as an ISO-8859-1 character, and
     * whatever re-sends the request (the local edge, a REST client) writes that character as UTF-8, so a raw
     * {@code é} (C3 A9) would arrive at a sibling as {@code %C3%83%C2%A9}, a different value from the one sent.
     * What is left must also be a URI by {@link URI}'s grammar, the check Quarkus itself makes on every request
     * target (a character such as {@code "}, {@code <} or <code>{</code> is not one unless percent-encoded).
     */
    static String problemInRequestTarget(String raw, String part) {
        String prefix = "The request " + part + " ";
        byte[] bytes = new byte[raw.length()];
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0x7f) {
                return prefix + "contains a byte that is not ASCII; percent-encode it (RFC 3986)";
            }
            bytes[i] = (byte) c;
        }
        byte[] decoded = percentDecoded(bytes);
        if (decoded == null) {
            return prefix + "is not correctly percent-encoded";
        }
        String text = text(decoded, StandardCharsets.UTF_8);
        if (text == null) {
            return prefix + "is not UTF-8";
        }
        if (hasControl(text, false)) {
            return prefix + "contains a control character (such as NUL), which no parameter may hold";
        }
        if (!isUri(part.equals(QUERY) ? "/?" + raw : raw)) {
            return prefix + "contains a character that must be percent-encoded (RFC 3986)";
        }
        return null;
    }

    private static boolean isUri(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** What is wrong with a body of the given format, or null. */
    static String problemInBody(String format, MediaType type, byte[] body, JsonFactory json) {
        Charset charset;
        try {
            String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return "The Content-Type names a charset that does not exist";
        }
        return switch (format) {
            case FORM -> problemInForm(body, charset);
            case JSON -> problemInJson(body, charset, json);
            case MULTIPART -> problemInMultipart(body, type.getParameters().get("boundary"), charset);
            default -> null;
        };
    }

    /** Each field of a form body, its name and its value percent-decoded, then read as text in the charset. */
    static String problemInForm(byte[] body, Charset charset) {
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                String problem = problemInField(Arrays.copyOfRange(body, start, end), charset);
                if (problem != null) {
                    return problem;
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static String problemInField(byte[] field, Charset charset) {
        int equals = indexOf(field, (byte) '=', 0);
        if (equals == 0) {
            // No parameter has an empty name (Quarkus REST's own whole-form reader failed on one with a 500).
            return "The form body has a field without a name";
        }
        String name = formText(Arrays.copyOfRange(field, 0, Math.min(equals, field.length)), charset);
        if (name == null || hasControl(name, false)) {
            return "A form field name is not correctly percent-encoded " + charset.name()
                    + " text without control characters";
        }
        String what = "The form field " + label(name);
        if (equals >= field.length) {
            return null;
        }
        byte[] decoded = percentDecoded(Arrays.copyOfRange(field, equals + 1, field.length));
        if (decoded == null) {
            return what + " is not correctly percent-encoded";
        }
        String value = text(decoded, charset);
        if (value == null) {
            return what + " is not " + charset.name() + " text";
        }
        return hasControl(value, true) ? what + CONTROL : null;
    }

    private static String formText(byte[] encoded, Charset charset) {
        byte[] decoded = percentDecoded(encoded);
        return decoded == null ? null : text(decoded, charset);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    /** A field is named in a description only when its name looks like a parameter name. */
    private static String label(String name) {
        return name.matches("[A-Za-z0-9_.\\[\\]-]{1,40}") ? name : "(unnamed)";
    }

    /**
     * The JSON body's text, then every member name and string value as it decodes. JSON the parser cannot read is
     * left to the endpoint, which refuses it as malformed.
     */
    static String problemInJson(byte[] body, Charset charset, JsonFactory json) {
        String text = text(body, charset);
        if (text == null) {
            return "The JSON body is not " + charset.name() + " text";
        }
        if (hasControl(text, true)) {
            return controlIn("JSON body");
        }
        try (JsonParser parser = json.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    String value = parser.getText();
                    String member = memberOf(parser.getParsingContext());
                    String what = token == JsonToken.FIELD_NAME || member == null ? "A JSON string"
                            : "The JSON member " + label(member);
                    if (hasControl(value, true)) {
                        return what + " contains a control character (such as \\u0000), which no value may hold";
                    }
                    if (hasUnpairedSurrogate(value)) {
                        return what + " contains an unpaired surrogate escape, which is not text";
                    }
                }
            }
        } catch (IOException malformed) {
            return null;
        }
        return null;
    }

    /**
     * Each part of a multipart body, parsed by the parser Quarkus REST itself uses (so base64 and quoted-printable
     * parts are judged by what they decode to): its headers and its content as text in its charset. No endpoint
     * takes a file, so every part is text.
     */
    static String problemInMultipart(byte[] body, String boundary, Charset charset) {
        if (boundary == null || boundary.isEmpty()) {
            return "The multipart body has no boundary";
        }
        PartTexts parts = new PartTexts(charset);
        MultipartParser.ParseState state =
                MultipartParser.beginParse(parts, boundary.getBytes(StandardCharsets.ISO_8859_1), charset.name());
        try {
            state.parse(ByteBuffer.wrap(body));
        } catch (IOException | RuntimeException malformed) {
            return "The multipart body is malformed";
        }
        if (!state.isComplete()) {
            return "The multipart body is malformed or incomplete";
        }
        return parts.problem;
    }

    /** Collects each part and judges it at its end; the first problem found is kept. */
    private static final class PartTexts implements MultipartParser.PartHandler {

        private final Charset requestCharset;
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private Charset charset;
        String problem;

        PartTexts(Charset requestCharset) {
            this.requestCharset = requestCharset;
        }

        @Override
        public void beginPart(CaseInsensitiveMap<String> headers) {
            content.reset();
            charset = requestCharset;
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                for (String value : header.getValue()) {
                    if (problem == null && hasControl(header.getKey() + value, false)) {
                        problem = controlIn("multipart part header");
                    }
                }
            }
            String type = headers.getFirst("Content-Type");
            if (type != null) {
                try {
                    String name = MediaType.valueOf(type.trim()).getParameters().get(MediaType.CHARSET_PARAMETER);
                    charset = name == null ? requestCharset : Charset.forName(name.trim());
                } catch (IllegalArgumentException e) {
                    // IllegalCharsetNameException and UnsupportedCharsetException included.
                    if (problem == null) {
                        problem = "A multipart part has a Content-Type that is not a media type or an unknown charset";
                    }
                }
            }
        }

        @Override
        public void data(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            content.writeBytes(bytes);
        }

        @Override
        public void endPart() {
            if (problem != null) {
                return;
            }
            String text = text(content.toByteArray(), charset);
            if (text == null) {
                problem = "A multipart part is not " + charset.name() + " text";
            } else if (hasControl(text, true)) {
                problem = controlIn("multipart part");
            }
        }
    }

    /** Each {@code %XX} escape as its byte, every other byte as is; null when an escape is broken. */
    static byte[] percentDecoded(byte[] raw) {
        byte[] decoded = new byte[raw.length];
        int length = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                b = (byte) (high * 16 + low);
                i += 2;
            }
            decoded[length++] = b;
        }
        return java.util.Arrays.copyOf(decoded, length);
    }

    /** The bytes as text in the charset, or null when they are not (strict: no replacement characters). */
    static String text(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A C0 control character, DEL or a C1 control character; HTAB, CR and LF only where {@code lineBreaksAllowed}. */
    static boolean hasControl(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x7f && c <= 0x9f) || (c < 0x20 && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r')))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A C0 control character other than HTAB, or DEL, in a header value. Header values arrive as bytes read one per
     * ISO-8859-1 character, so the bytes of UTF-8 text (U+2026 is E2 80 A6) look like C1 controls there: only the
     * ASCII controls are judged.
     */
    static boolean hasControlInHeader(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0x7f || (c < 0x20 && c != '\t')) {
                return true;
            }
        }
        return false;
    }

    /** The member a value belongs to, also for an element of an array member. */
    private static String memberOf(JsonStreamContext context) {
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                return c.getCurrentName();
            }
        }
        return null;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String controlIn(String where) {
        return "The " + where + CONTROL;
    }
}
