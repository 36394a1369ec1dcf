package org.gatehouse.token.clientauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Checks a presented client secret against the stored hashes: SHA-256 of the UTF-8 secret, base64url without
 * padding, compared in constant time (the contract's "Client secrets"). Secrets are 256-bit random values, so a
 * fast hash is enough; constant time keeps a timing side channel from revealing a hash prefix.
 */
final class ClientSecretVerifier {

    /** Compared against when the client is unknown, so that case costs the same work as a wrong secret. */
    private static final List<String> DECOY = List.of(hash("decoy-secret-for-unknown-clients"));

    private ClientSecretVerifier() {
    }

    /** True when the secret matches any of the hashes; every hash is compared, whatever matches first. */
    static boolean matches(String secret, List<String> secretHashes) {
        byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String stored : secretHashes) {
            match |= MessageDigest.isEqual(presented, stored.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    /**
     * Does the work of {@link #matches} for a client that does not exist, so response times do not tell
     * unknown client ids from wrong secrets.
     */
    static void spendEqualWork(String secret) {
        matches(secret, DECOY);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
