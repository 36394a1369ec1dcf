package org.gatehouse.k8s;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluation secrets of the shape k8s/generate-evaluation-secrets.sh prints, generated in-process. */
record TestEvaluationSecrets(Map<String, KeyPair> serviceKeys, String tokenKeyEncryptionKey,
                             String registrationClientJwtSecretKey, Map<String, String> databasePasswords,
                             String postgresPassword) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static TestEvaluationSecrets generate() {
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String service : TestContract.SERVICES.keySet()) {
            keys.put(service, ecP256());
            passwords.put(service, randomHex(24));
        }
        return new TestEvaluationSecrets(keys, randomKey(), randomKey(), passwords, randomHex(24));
    }

    String privateKey(String service) {
        return Base64.getEncoder().encodeToString(serviceKeys.get(service).getPrivate().getEncoded());
    }

    String publicKey(String service) {
        return Base64.getEncoder().encodeToString(serviceKeys.get(service).getPublic().getEncoded());
    }

    /** GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS: name:base64 X.509 DER, comma-separated. */
    String trustedKeys() {
        StringBuilder trusted = new StringBuilder();
        for (String service : serviceKeys.keySet()) {
            trusted.append(trusted.isEmpty() ? "" : ",").append(service).append(':').append(publicKey(service));
        }
        return trusted.toString();
    }

    String asValuesYaml() {
        StringBuilder yaml = new StringBuilder("secrets:\n  serviceAuthKeys:\n");
        for (String service : serviceKeys.keySet()) {
            yaml.append("    ").append(service).append(":\n")
                    .append("      privateKey: \"").append(privateKey(service)).append("\"\n")
                    .append("      publicKey: \"").append(publicKey(service)).append("\"\n");
        }
        yaml.append("  tokenKeyEncryptionKey: \"").append(tokenKeyEncryptionKey).append("\"\n");
        yaml.append("  registrationClientJwtSecretKey: \"").append(registrationClientJwtSecretKey).append("\"\n");
        yaml.append("  databasePasswords:\n");
        databasePasswords.forEach((service, password) ->
                yaml.append("    ").append(service).append(": \"").append(password).append("\"\n"));
        yaml.append("  postgresPassword: \"").append(postgresPassword).append("\"\n");
        return yaml.toString();
    }

    private static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64 of 32 random bytes (an AES-256 key). */
    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
