package org.gatehouse.common.transport;

import io.vertx.core.http.HttpServerRequest;
import org.gatehouse.common.error.UnacceptableCharacters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses, before any endpoint runs, a request whose path or query carries what no value of this platform may hold:
 * broken percent-encoding, decoded bytes that are not UTF-8, a NUL or any other C0 control character or DEL; and a
 * header value with a control character other than HTAB. Such a value would otherwise travel on to a sibling or to
 * PostgreSQL, which refuses a NUL outright, and come back as a failure of the sibling ("temporarily unavailable")
 * instead of the client's mistake. Checking the raw request here, once, covers every query parameter of every
 * endpoint of every service; the answer is 400 {@code invalid_request} ({@link UnacceptableCharacters}).
 */
public class RequestCharacters {

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public void refuseUnacceptableCharacters(HttpServerRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        String problem = problemIn(path, "path");
        if (problem == null) {
            problem = problemIn(query, "query");
        }
        if (problem != null) {
            throw new UnacceptableCharacters(problem);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (hasControl(header.getValue())) {
                throw new UnacceptableCharacters("A request header contains a control character");
            }
        }
    }

    /**
     * What is wrong with a raw (percent-encoded) path or query, or null: each escape decoded to its byte, the bytes
     * read as strict UTF-8.
     */
    static String problemIn(String raw, String part) {
        if (raw.isEmpty()) {
            return null;
        }
        String prefix = "The request " + part + " ";
        byte[] bytes = new byte[raw.length() * 3];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int b;
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return prefix + "is not correctly percent-encoded";
                }
                b = high * 16 + low;
                i += 2;
            } else if (c > 0xff) {
                // Netty hands the request line over as ISO-8859-1; anything wider did not come from the wire.
                return prefix + "contains a character that is not allowed";
            } else {
                b = c;
            }
            if (b < 0x20 || b == 0x7f) {
                return prefix + "contains a control character (such as NUL), which no parameter may hold";
            }
            bytes[length++] = (byte) b;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            return prefix + "is not UTF-8";
        }
        return null;
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
