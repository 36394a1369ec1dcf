package org.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Sends what a hostile client sends — any method, raw path and query oddities, any header bytes, any body with any
 * content type — with the JDK client (RestAssured would normalise much of it), and judges the answer against the
 * contract: never 5xx, errors as the JSON body (or an HTML page where the endpoint is a page).
 */
public final class HostileHttp {

    /**
     * HTTP/1.1 only: the JDK client would otherwise upgrade to h2c, where header bytes HTTP/2 forbids end the whole
     * connection with GOAWAY (RFC 9113 §8.2.1) before any application code can answer.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private HostileHttp() {
    }

    /**
     * One request; {@code path} and {@code query} are sent raw except for what a URI cannot carry at all. The body is
     * {@code rawBody} when given (any bytes), else {@code body} in UTF-8.
     */
    public record Attack(String method, String path, String query, String contentType, String body,
                         Map<String, String> headers, byte[] rawBody) {

        public Attack(String method, String path, String query, String contentType, String body,
                      Map<String, String> headers) {
            this(method, path, query, contentType, body, headers, null);
        }

        public String url(String baseUri) {
            return baseUri + encodeIllegal(path) + (query.isEmpty() ? "" : "?" + encodeIllegal(query));
        }

        byte[] bodyBytes() {
            return rawBody != null ? rawBody : body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = rawBody != null ? new String(rawBody, StandardCharsets.ISO_8859_1) : body;
            String shown = text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
            return visible(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " [" + contentType + "] "
                    + headers + " " + shown);
        }
    }

    /** Control characters shown as escapes, so a report names the NUL or CR that did it. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        String shown = out.toString();
        return shown.length() > 600 ? shown.substring(0, 600) + "…" : shown;
    }

    public record Reply(int status, String contentType, String body) {

        public boolean isJsonError() {
            return contentType.startsWith("application/json") && body.contains("\"error\"")
                    && body.contains("\"error_description\"");
        }

        public boolean isHtml() {
            return contentType.startsWith("text/html");
        }
    }

    /**
     * Raw query values a hostile client sends: percent-encoded NUL and other control characters, bytes that are not
     * UTF-8 (an overlong '/', a lone 0xFF, an encoded surrogate, a truncated sequence), a right-to-left override, a
     * literal '+' and '%', a long value, and random text with every character percent-encoded.
     */
    public static Arbitrary<String> hostileQueryValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("%00", "x%00y", "%0A", "%0D%0A", "%09", "%1B%5B31m", "%7F", "%C0%AF", "%FF", "%FE%FF",
                        "%ED%A0%80", "%E2%80", "%F0%9F%92", "%E2%80%AE%00%F0%9F%92%A5", "%E2%80%AE", "%F0%9F%92%A5",
                        "%", "%zz", "+", "%2B", "%25", "", "a".repeat(2000), "null", "-1", "[]"),
                Arbitraries.strings().all().ofMaxLength(40).map(HostileHttp::percentEncodeAll));
    }

    /**
     * Query strings of up to six {@code name=value} pairs: the given names (or a random one) with a hostile value or
     * one of {@code goodValues}, names possibly repeated, so requests also get past the first checks.
     */
    public static Arbitrary<String> hostileQueries(List<String> names, List<String> goodValues) {
        Arbitrary<String> anyName = Arbitraries.oneOf(Arbitraries.of(names),
                Arbitraries.strings().all().ofMaxLength(10).map(HostileHttp::percentEncodeAll),
                Arbitraries.of("%00", "%C0%AF"));
        Arbitrary<String> values = goodValues.isEmpty() ? hostileQueryValues()
                : Arbitraries.frequencyOf(Tuple.of(3, hostileQueryValues()),
                        Tuple.of(1, Arbitraries.of(goodValues).map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return Combinators.combine(anyName, values).as((name, value) -> name + "=" + value).list().ofMaxSize(6)
                .map(pairs -> String.join("&", pairs));
    }

    /** GETs of the given paths with {@link #hostileQueries} and the given headers (e.g. a valid bearer token). */
    public static Arbitrary<Attack> hostileQueryGets(List<String> paths, List<String> names, List<String> goodValues,
                                                     Map<String, String> headers) {
        return Combinators.combine(Arbitraries.of(paths), hostileQueries(names, goodValues),
                        Arbitraries.of("text/html", "application/json", "*/*"))
                .as((path, query, accept) -> {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    all.put("Accept", accept);
                    return new Attack("GET", path, query, "", "", all);
                });
    }

    /** One byte no value may carry once decoded: a C0 control other than HTAB, CR and LF, or DEL. */
    private static Arbitrary<Integer> controlBytes() {
        return Arbitraries.integers().between(0, 0x1f).filter(b -> b != '\t' && b != '\n' && b != '\r')
                .map(b -> b == 0x1f ? 0x7f : b);
    }

    /** Byte sequences that are not UTF-8: an overlong '/', a lone 0xFF, an encoded surrogate, a truncated sequence. */
    private static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x80},
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x92});

    /**
     * A form value's bytes as a hostile client sends them: a percent-encoded control character or non-UTF-8 byte, the
     * same raw, any bytes at all, or an ordinary value (so some requests get past the first checks).
     */
    private static Arbitrary<byte[]> hostileFormValues(List<String> goodValues) {
        return Arbitraries.oneOf(
                controlBytes().map(b -> ascii(String.format("x%%%02X", b))),
                controlBytes().map(b -> new byte[] {'x', (byte) (int) b}),
                Arbitraries.of(NOT_UTF8).map(bytes -> ascii(percentEncodeBytes(bytes))),
                Arbitraries.of(NOT_UTF8),
                hostileQueryValues().map(HostileHttp::ascii),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.of(goodValues.isEmpty() ? List.of("x") : goodValues)
                        .map(v -> ascii(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    }

    /**
     * A JSON string literal's bytes as a hostile client sends them: a {@code &#92;u00XX} escape of a control character
     * (valid JSON that decodes to NUL and the like), a lone surrogate escape, raw control or non-UTF-8 bytes inside the
     * quotes, any bytes, or an ordinary string.
     */
    private static Arbitrary<byte[]> hostileJsonStrings(List<String> goodValues) {
        return Arbitraries.oneOf(
                controlBytes().map(b -> ascii(String.format("\"a\\u%04xb\"", b))),
                Arbitraries.of("\"\\ud800\"", "\"x\\udc00\"", "\"\\u0000\"", "\"\\u001b[31m\"")
                        .map(HostileHttp::ascii),
                controlBytes().map(b -> new byte[] {'"', 'x', (byte) (int) b, '"'}),
                Arbitraries.of(NOT_UTF8).map(bytes -> concat(ascii("\"x"), bytes, ascii("\""))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(bytes -> concat(ascii("\""), bytes, ascii("\""))),
                Arbitraries.of(goodValues.isEmpty() ? List.of("x") : goodValues)
                        .map(v -> jsonString(v).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * POSTs of form, JSON and multipart bodies of up to five fields (the given names or random ones) whose values
     * carry NUL and other control characters (encoded, escaped or raw), bytes that are not UTF-8, or any bytes, to
     * the given paths with the given headers (e.g. a valid bearer token).
     */
    public static Arbitrary<Attack> hostileBodyPosts(List<String> paths, List<String> names, List<String> goodValues,
                                                     Map<String, String> headers) {
        Arbitrary<String> anyName = Arbitraries.oneOf(Arbitraries.of(names),
                Arbitraries.strings().all().ofMaxLength(10).map(HostileHttp::percentEncodeAll));
        Arbitrary<byte[]> form = Combinators.combine(anyName, hostileFormValues(goodValues))
                .as((name, value) -> concat(ascii(name + "="), value)).list().ofMinSize(1).ofMaxSize(5)
                .map(pairs -> join(pairs, "&"));
        Arbitrary<byte[]> json = Combinators.combine(Arbitraries.of(names), hostileJsonStrings(goodValues))
                .as((name, value) -> concat(ascii(jsonString(name) + ":"), value)).list().ofMinSize(1).ofMaxSize(5)
                .map(members -> concat(ascii("{"), join(members, ","), ascii("}")));
        String boundary = "hostile-boundary";
        Arbitrary<byte[]> multipart = Combinators.combine(Arbitraries.of(names), Arbitraries.oneOf(
                        controlBytes().map(b -> new byte[] {'x', (byte) (int) b}), Arbitraries.of(NOT_UTF8),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40)))
                .as((name, value) -> concat(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                        + name + "\"\r\n\r\n"), value, ascii("\r\n")))
                .list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> concat(join(parts, ""), ascii("--" + boundary + "--\r\n")));
        Arbitrary<Tuple.Tuple2<String, byte[]>> bodies = Arbitraries.oneOf(
                form.map(b -> Tuple.of("application/x-www-form-urlencoded", b)),
                json.map(b -> Tuple.of("application/json", b)),
                multipart.map(b -> Tuple.of("multipart/form-data; boundary=" + boundary, b)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).flatMap(b -> Arbitraries.of(
                        "application/x-www-form-urlencoded", "application/json", "multipart/form-data",
                        "multipart/form-data; boundary=" + boundary).map(type -> Tuple.of(type, b))));
        return Combinators.combine(Arbitraries.of(paths), bodies, Arbitraries.of("text/html", "application/json", "*/*"))
                .as((path, body, accept) -> {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    all.put("Accept", accept);
                    return new Attack("POST", path, "", body.get1(), "", all, body.get2());
                });
    }

    /** A value's bytes as a hand-made client writes them into a request target, named for reports. */
    public record RawValue(String name, byte[] bytes) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Query values no request target may carry, as they are written on the wire (no HTTP client sends them): a raw
     * byte that is not ASCII (a lone 0xFF; well-formed UTF-8 {@code é}, which every browser would percent-encode), a
     * broken escape, a trailing {@code %}, a raw NUL, ESC, DEL or C1 control byte, a C1 control character
     * percent-encoded ({@code %C2%85}, U+0085) and an ASCII character a URI holds only percent-encoded.
     */
    public static final List<RawValue> UNACCEPTABLE_QUERY_VALUES = List.of(
            new RawValue("raw 0xFF", bytes("x", 0xFF)),
            new RawValue("raw UTF-8 e-acute", bytes("caf", 0xC3, 0xA9)),
            new RawValue("broken escape %ZZ", ascii("x%ZZ")),
            new RawValue("trailing %", ascii("x%")),
            new RawValue("raw NUL", bytes("a", 0x00, 'b')),
            new RawValue("raw ESC", bytes("a", 0x1B, '[', '3', '1', 'm')),
            new RawValue("raw DEL", bytes("a", 0x7F)),
            new RawValue("raw C1 0x85", bytes("a", 0x85)),
            new RawValue("C1 U+0085 percent-encoded", ascii("a%C2%85b")),
            new RawValue("unencoded quote", ascii("a\"b")));

    /**
     * A raw HTAB in the request target: Netty's decoder splits the request line there, finds no HTTP version in
     * its third word and refuses the request before Quarkus sees it (Vert.x's default invalid-request handler
     * answers a bare 400; no application code can reach that request).
     */
    public static final RawValue RAW_TAB = new RawValue("raw HTAB", bytes("a", '\t', 'b'));

    /**
     * One request written byte for byte on a socket, for what no HTTP client sends: {@code target} is written between
     * the method and the version as it is, then {@code Host}, the given headers, {@code Connection: close}, a
     * {@code Content-Length} and {@code body} (none when empty).
     */
    public static Reply sendRaw(String baseUri, String method, byte[] target, Map<String, String> headers, byte[] body) {
        URI base = URI.create(baseUri);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            StringBuilder head = new StringBuilder("\r\nHost: ").append(base.getHost()).append(':').append(base.getPort());
            headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
            head.append("\r\nConnection: close");
            if (body.length > 0) {
                head.append("\r\nContent-Length: ").append(body.length);
            }
            head.append("\r\n\r\n");
            socket.getOutputStream().write(concat(ascii(method + " "), target, ascii(" HTTP/1.1"), ascii(head.toString()),
                    body));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer (" + e + ") for " + method + " "
                    + visible(new String(target, StandardCharsets.ISO_8859_1)), e);
        }
    }

    /** An HTTP/1.x response read to the end of the connection: status, Content-Type and the (de-chunked) body. */
    private static Reply parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IllegalStateException("not an HTTP response: " + visible(text));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        return new Reply(status, contentType, new String(chunked ? dechunked(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunked(byte[] chunked) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** The bytes of {@code text}, one per character (ISO-8859-1), for hand-made raw bodies. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String percentEncodeBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /** {@code prefix} as {@link #ascii} followed by the raw bytes {@code tail}. */
    public static byte[] bytes(String prefix, int... tail) {
        byte[] head = ascii(prefix);
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            all[head.length + i] = (byte) tail[i];
        }
        return all;
    }

    public static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] join(List<byte[]> parts, String separator) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.writeBytes(ascii(separator));
            }
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }

    /**
     * Sends each attack and returns what broke the contract: any 5xx, and an error (not to HEAD) that is neither the
     * JSON error body nor, where {@code page} says the path is a page, an HTML page.
     */
    public static List<String> contractViolations(String baseUri, List<Attack> attacks, Predicate<String> page) {
        List<String> violations = new java.util.ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Attack attack : attacks) {
            Reply reply = send(baseUri, attack);
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() >= 500) {
                violations.add(reply.status() + " " + reply.body() + " <- " + attack);
            } else if (reply.status() >= 400 && !"HEAD".equals(attack.method())
                    && !(reply.isJsonError() || (page.test(attack.path()) && reply.isHtml()))) {
                violations.add("not the error body: " + reply.status() + " [" + reply.contentType() + "] "
                        + reply.body() + " <- " + attack);
            }
        }
        System.out.println("[hostile] " + attacks.size() + " requests, statuses " + statuses);
        return violations;
    }

    /** Every UTF-8 byte as a %XX escape, so control characters and any code point reach the server intact. */
    static String percentEncodeAll(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /** Sends the attack to {@code baseUri} (scheme, host and port, no trailing slash). */
    public static Reply send(String baseUri, Attack attack) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(attack.url(baseUri)))
                .timeout(TIMEOUT)
                .method(attack.method(), HttpRequest.BodyPublishers.ofByteArray(attack.bodyBytes()));
        if (!attack.contentType().isEmpty()) {
            request.header("Content-Type", headerSafe(attack.contentType()));
        }
        attack.headers().forEach((name, value) -> request.header(name, headerSafe(value)));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer (hang or dropped connection: " + e + ") for " + attack, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Header values travel as bytes: the UTF-8 bytes raw (as ISO-8859-1), minus what HTTP cannot carry. */
    public static String headerSafe(String value) {
        String raw = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String cleaned = raw.replaceAll("[\\x00-\\x1F\\x7F]", "").trim();
        return cleaned.isEmpty() ? "x" : cleaned;
    }

    /** Percent-encodes only what a URI cannot carry, so raw oddities such as "%zz" still reach the server. */
    public static String encodeIllegal(String value) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            boolean escapePair = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escapePair || (c < 0x80 && c != '%'
                    && (Character.isLetterOrDigit(c) || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0))) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", bytes[i] & 0xff));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit((char) (b & 0xff), 16) >= 0;
    }

    /** A JSON string literal of any text (control characters escaped, everything else sent as is). */
    public static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON object of already-encoded values (so a value may be of any JSON type). */
    public static String jsonObject(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** An application/x-www-form-urlencoded body. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Row counts of the given tables (schema-qualified), to prove a refused request stored nothing. */
    public static Map<String, Long> rowCounts(DataSource dataSource, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
