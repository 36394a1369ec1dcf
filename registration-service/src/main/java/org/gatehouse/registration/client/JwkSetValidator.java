package org.gatehouse.registration.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a client's keys (RFC 7591 §2 {@code jwks} / {@code jwks_uri}) before they are stored. A JWK Set registered
 * here is published to token-service, which verifies {@code private_key_jwt} assertions with it (RFC 7523 §2.2), so
 * it may hold <em>public</em> keys only: a member carrying private or symmetric key material ({@code d}, {@code p},
 * {@code q}, {@code dp}, {@code dq}, {@code qi}, {@code oth}, {@code k}) is refused rather than stripped, because
 * its owner has just leaked it and should learn so now. Supported key types are those token-service can verify with:
 * {@code EC} (P-256, P-384, P-521), {@code RSA} (2048 bits or more) and {@code OKP} (Ed25519, Ed448; X25519 and X448
 * are accepted as encryption keys). A {@code jwks_uri} must be {@code https}, or {@code http} on a loopback host
 * (local development, as for redirect URIs in RFC 8252 §8.3).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2 (jwks, jwks_uri)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5 (JWK Set)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-6">RFC 7518 §6 (key parameters)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8037#section-2">RFC 8037 §2 (OKP keys)</a>
 */
@ApplicationScoped
public class JwkSetValidator {

    static final int MAX_KEYS = 10;
    static final int MAX_JWKS_LENGTH = 20_000;
    static final int MIN_RSA_BITS = 2048;
    /** Longest {@code kty}, {@code crv}, {@code kid}, {@code alg} or {@code use} accepted. */
    static final int MAX_PARAMETER_LENGTH = 255;
    /** Longest key coordinate or modulus accepted, in base64url characters (an RSA-8192 modulus is 1366). */
    static final int MAX_KEY_MATERIAL_LENGTH = 1400;

    /** Members that hold private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final Map<String, Integer> EC_COORDINATE_BYTES = Map.of("P-256", 32, "P-384", 48, "P-521", 66);
    private static final Map<String, Integer> OKP_KEY_BYTES = Map.of("Ed25519", 32, "Ed448", 57, "X25519", 32,
            "X448", 56);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private final int maxUriLength;

    @Inject
    public JwkSetValidator(RegistrationConfig config) {
        this(config.limits().maxUriLength());
    }

    public JwkSetValidator(int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    /**
     * The JWK Set as compact JSON text to store, or {@code null} when absent.
     *
     * @throws OAuthException {@code invalid_client_metadata} naming the first problem
     */
    public String jwks(JsonNode jwks) {
        if (jwks == null || jwks.isNull() || jwks.isMissingNode()) {
            return null;
        }
        if (!jwks.isObject()) {
            throw invalid("jwks must be a JWK Set object: {\"keys\": [...]}");
        }
        JsonNode keys = jwks.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw invalid("jwks must contain a non-empty \"keys\" array");
        }
        if (keys.size() > MAX_KEYS) {
            throw invalid("jwks may contain at most " + MAX_KEYS + " keys");
        }
        Set<String> kids = new HashSet<>();
        for (JsonNode key : keys) {
            validateKey(key, kids);
        }
        String text = jwks.toString();
        if (text.length() > MAX_JWKS_LENGTH) {
            throw invalid("jwks must be at most " + MAX_JWKS_LENGTH + " characters long");
        }
        return text;
    }

    /**
     * The JWK Set URL, or {@code null} when absent.
     *
     * @throws OAuthException {@code invalid_client_metadata} when it is not an https URL (http on loopback)
     */
    public String jwksUri(String jwksUri) {
        if (jwksUri == null || jwksUri.isBlank()) {
            return null;
        }
        String raw = jwksUri.strip();
        if (raw.length() > maxUriLength) {
            throw invalid("jwks_uri must be at most " + maxUriLength + " characters long");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid("jwks_uri must be a valid https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()
                || !scheme.equals("https") && !scheme.equals("http")) {
            throw invalid("jwks_uri must be an absolute https URL");
        }
        if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            // Keys fetched over plain http could be swapped by anyone on the path.
            throw invalid("jwks_uri must use https; http is allowed only for localhost, 127.0.0.1 and [::1]");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("jwks_uri must not contain user information");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("jwks_uri must not contain a fragment");
        }
        return raw;
    }

    private static void validateKey(JsonNode key, Set<String> kids) {
        if (!key.isObject()) {
            throw invalid("Each entry of jwks.keys must be a JWK object");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (key.has(member)) {
                throw invalid(member.equals("k")
                        ? "jwks must not contain symmetric keys (member \"k\"); register public keys only"
                        : "jwks must contain public keys only; a key has the private member \"" + member + "\"");
            }
        }
        String kty = string(key, "kty", true);
        switch (kty) {
            case "EC" -> {
                Integer size = EC_COORDINATE_BYTES.get(string(key, "crv", true));
                if (size == null) {
                    throw invalid("EC keys in jwks must use curve P-256, P-384 or P-521");
                }
                requireBytes(key, "x", size);
                requireBytes(key, "y", size);
            }
            case "RSA" -> {
                BigInteger modulus = new BigInteger(1, bytes(key, "n"));
                if (modulus.bitLength() < MIN_RSA_BITS) {
                    throw invalid("RSA keys in jwks must have a modulus of at least " + MIN_RSA_BITS + " bits");
                }
                bytes(key, "e");
            }
            case "OKP" -> {
                Integer size = OKP_KEY_BYTES.get(string(key, "crv", true));
                if (size == null) {
                    throw invalid("OKP keys in jwks must use curve Ed25519, Ed448, X25519 or X448");
                }
                requireBytes(key, "x", size);
            }
            case "oct" -> throw invalid("jwks must not contain symmetric keys (kty \"oct\")");
            default -> throw invalid("Unsupported key type in jwks; supported: EC, RSA, OKP");
        }
        String use = string(key, "use", false);
        if (use != null && !use.equals("sig") && !use.equals("enc")) {
            throw invalid("JWK \"use\" must be \"sig\" or \"enc\"");
        }
        string(key, "alg", false);
        String kid = string(key, "kid", false);
        if (kid != null && !kids.add(kid)) {
            // token-service selects the verification key by kid: two keys with one kid would be ambiguous.
            throw invalid("Each key in jwks must have a distinct kid");
        }
        JsonNode keyOps = key.get("key_ops");
        if (keyOps != null && !keyOps.isArray()) {
            throw invalid("JWK \"key_ops\" must be an array");
        }
        for (Iterator<String> names = key.fieldNames(); names.hasNext(); ) {
            if (names.next().length() > 64) {
                throw invalid("JWK member names must be at most 64 characters long");
            }
        }
    }

    private static String string(JsonNode key, String member, boolean required) {
        return string(key, member, required, MAX_PARAMETER_LENGTH);
    }

    private static String string(JsonNode key, String member, boolean required, int maxLength) {
        JsonNode value = key.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid("A key in jwks has no \"" + member + "\"");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
            throw invalid("JWK \"" + member + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static void requireBytes(JsonNode key, String member, int length) {
        if (bytes(key, member).length != length) {
            throw invalid("JWK \"" + member + "\" has the wrong length for its curve");
        }
    }

    private static byte[] bytes(JsonNode key, String member) {
        String value = string(key, member, true, MAX_KEY_MATERIAL_LENGTH);
        if (!BASE64URL.matcher(value).matches()) {
            throw invalid("JWK \"" + member + "\" must be base64url without padding");
        }
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("JWK \"" + member + "\" must be base64url without padding");
        }
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
