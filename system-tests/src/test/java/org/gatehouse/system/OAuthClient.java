package org.gatehouse.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.StringJoiner;

/** What an OAuth client computes itself: PKCE pairs, Basic credentials, random values, query strings. */
final class OAuthClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthClient() {
    }

    /** RFC 7636 §4.1–4.2: a 43-character verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            String verifier = random();
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** 256 random bits, base64url (43 characters): states, nonces, verifiers. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 6749 §2.3.1: id and secret are form-URL-encoded before they go into Basic. */
    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** name=value pairs, URL-encoded and joined with '&amp;'. */
    static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            query.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
