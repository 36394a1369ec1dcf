package org.gatehouse.common.servicejwt;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes the service key material handed over by configuration (a Kubernetes Secret in production). */
final class ServiceKeys {

    private ServiceKeys() {
    }

    static PrivateKey privateKey(String encoded) {
        try {
            return KeyUtils.decodePrivateKey(strip(encoded), SignatureAlgorithm.ES256);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("gatehouse.service-auth.private-key is not a PKCS#8 EC key", e);
        }
    }

    /** Parses {@code name:base64} entries into the public key of each trusted sibling. */
    static Map<String, PublicKey> trusted(List<String> entries) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("gatehouse.service-auth.trusted-keys entries are name:base64-key");
            }
            try {
                keys.put(entry.substring(0, colon).trim(),
                        KeyUtils.decodePublicKey(strip(entry.substring(colon + 1)), SignatureAlgorithm.ES256));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("Trusted key of " + entry.substring(0, colon) + " is not an EC key", e);
            }
        }
        return keys;
    }

    private static String strip(String pemOrBase64) {
        return pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
