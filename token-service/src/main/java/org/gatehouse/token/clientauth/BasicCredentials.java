package org.gatehouse.token.clientauth;

import org.gatehouse.common.error.OAuthException;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Client id and secret from an {@code Authorization: Basic} header per RFC 6749 §2.3.1
 * (https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1): both are {@code application/x-www-form-urlencoded}
 * before being joined with a colon and base64-encoded (RFC 7617), so they are split first, then form-decoded.
 */
public record BasicCredentials(String clientId, String clientSecret) {

    private static final String SCHEME = "Basic";

    @Override
    public String toString() {
        return "BasicCredentials[clientId=" + clientId + ", clientSecret=***]";
    }

    /**
     * Parses the header value. Empty when the header is absent or uses another scheme; an
     * {@code invalid_request} when it claims Basic but is malformed.
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.trim();
        // The scheme is case-insensitive (RFC 7235 §2.1).
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        if (header.length() == SCHEME.length() || header.charAt(SCHEME.length()) != ' ') {
            throw malformed();
        }
        String decoded = utf8(base64(header.substring(SCHEME.length() + 1).trim()));
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw malformed();
        }
        String clientId = formDecode(decoded.substring(0, colon));
        String clientSecret = formDecode(decoded.substring(colon + 1));
        if (clientId.isEmpty()) {
            throw malformed();
        }
        return Optional.of(new BasicCredentials(clientId, clientSecret));
    }

    private static byte[] base64(String token) {
        try {
            return Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static OAuthException malformed() {
        return OAuthException.invalidRequest("The Basic authorization header is malformed");
    }
}
