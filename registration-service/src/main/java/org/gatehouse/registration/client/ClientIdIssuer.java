package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates {@code client_id} values (RFC 6749 §2.2): 144 random bits, base64url without padding
 * (24 characters). The identifier is public, but it is unguessable so that client enumeration is not
 * possible; it is drawn independently of the secret, so neither reveals the other.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.2">RFC 6749 §2.2</a>
 */
@ApplicationScoped
public class ClientIdIssuer {

    static final int CLIENT_ID_BYTES = 18;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    public String issue() {
        byte[] bytes = new byte[CLIENT_ID_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
