package org.gatehouse.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The secrets Kubernetes Secrets hold in production, made up once per working directory for a local run: one EC
 * P-256 key pair per service for service-to-service JWTs, token-service's key-encryption key and
 * registration-service's key for the secrets of {@code client_secret_jwt} clients. Kept in
 * {@code .local-run/keys.properties} (mode 600) because both AES keys encrypt what the services persist (signing
 * keys, client secrets): new keys on every start would make that data undecryptable.
 */
public final class ServiceKeyring {

    private static final String KEK = "token-service.key-encryption-key";
    private static final String CLIENT_JWT_SECRET_KEY = "registration-service.client-jwt-secret-key";
    private static final int AES_KEY_BYTES = 32;

    private final Properties keys;

    private ServiceKeyring(Properties keys) {
        this.keys = keys;
    }

    /** Loads the keyring, adding (and saving) whatever key is missing. */
    public static ServiceKeyring loadOrCreate(Path file, List<String> services) throws IOException {
        Properties keys = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in);
            }
            restrictToOwner(file);
        }
        boolean changed = false;
        for (String service : services) {
            if (!valid(keys, service)) {
                KeyPair pair = generate();
                keys.setProperty(service + ".private-key", b64(pair.getPrivate().getEncoded()));
                keys.setProperty(service + ".public-key", b64(pair.getPublic().getEncoded()));
                changed = true;
            }
        }
        // A keys.properties from before a key existed gets it added; the keys already there stay.
        for (String aesKey : List.of(KEK, CLIENT_JWT_SECRET_KEY)) {
            if (!validAesKey(keys.getProperty(aesKey))) {
                byte[] key = new byte[AES_KEY_BYTES];
                new SecureRandom().nextBytes(key);
                keys.setProperty(aesKey, b64(key));
                changed = true;
            }
        }
        if (changed) {
            save(file, keys);
        }
        return new ServiceKeyring(keys);
    }

    /** GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY of a service: base64 PKCS#8 DER. */
    public String privateKey(String service) {
        return keys.getProperty(service + ".private-key");
    }

    /** GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS: {@code name:base64 X.509 DER} of every given service. */
    public String trustedKeys(List<String> services) {
        return services.stream()
                .map(s -> s + ":" + keys.getProperty(s + ".public-key"))
                .collect(Collectors.joining(","));
    }

    /** TOKEN_KEY_ENCRYPTION_KEY: base64 of 32 random bytes. */
    public String keyEncryptionKey() {
        return keys.getProperty(KEK);
    }

    /** REGISTRATION_CLIENT_JWT_SECRET_KEY ({@code registration.client-jwt-secret-key}): base64 of 32 random bytes. */
    public String clientJwtSecretKey() {
        return keys.getProperty(CLIENT_JWT_SECRET_KEY);
    }

    /**
     * The secret variables one service gets, as its own Kubernetes Secret gives them: its service-JWT private key,
     * and an AES key only to the one service that uses it (a sibling holding it could read what that one stores).
     */
    public Map<String, String> secretEnvironment(PlatformService service) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY", privateKey(service.serviceName()));
        switch (service) {
            case TOKEN -> vars.put("TOKEN_KEY_ENCRYPTION_KEY", keyEncryptionKey());
            case REGISTRATION -> vars.put("REGISTRATION_CLIENT_JWT_SECRET_KEY", clientJwtSecretKey());
            case AUTHORIZATION, RESOURCE -> {
                // Nothing of theirs is encrypted at rest.
            }
        }
        return vars;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate EC P-256 keys", e);
        }
    }

    private static boolean valid(Properties keys, String service) {
        String privateKey = keys.getProperty(service + ".private-key");
        String publicKey = keys.getProperty(service + ".public-key");
        if (privateKey == null || publicKey == null) {
            return false;
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validAesKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key).length == AES_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void save(Path file, Properties keys) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        keys.store(text, "Gatehouse local-run secrets (never use them outside this machine). "
                + "Deleting this file makes token-service's stored signing keys and the secrets of "
                + "registration-service's client_secret_jwt clients unreadable.");
        writePrivately(file, text.toString());
    }

    /** Written to a 600 temp file first and moved into place, so the secrets are never readable by others. */
    static void writePrivately(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Mode 600: only the user running the platform reads what it keeps secret. */
    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the user profile's ACL.
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
