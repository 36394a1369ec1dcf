package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates the {@code user_key} that {@code POST /register} returns and {@code POST /authenticate} takes with the
 * password: {@code uk_} and 128 random bits in base64url (25 characters). It identifies an account without
 * revealing its username; it is not a secret (the password is), so it is stored as is.
 */
@ApplicationScoped
public class UserKeyIssuer {

    public static final String PREFIX = "uk_";
    static final int KEY_BYTES = 16;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    public String issue() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return PREFIX + BASE64URL.encodeToString(bytes);
    }
}
