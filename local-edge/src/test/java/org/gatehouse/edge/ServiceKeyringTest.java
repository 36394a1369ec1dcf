package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ServiceKeyringTest {

    private static final String CLIENT_JWT_ENV = "REGISTRATION_CLIENT_JWT_SECRET_KEY";
    private static final String KEK_ENV = "TOKEN_KEY_ENCRYPTION_KEY";
    private static final String CLIENT_JWT_PROPERTY = "registration-service.client-jwt-secret-key";

    @TempDir
    Path dir;

    @Test
    void loadOrCreateWhenNoFileThenBothAesKeysAre32RandomBytesKeptOwnerOnly() throws Exception {
        Path file = dir.resolve(".local-run/keys.properties");

        ServiceKeyring keyring = ServiceKeyring.loadOrCreate(file, PlatformService.names());

        assertEquals(32, Base64.getDecoder().decode(keyring.clientJwtSecretKey()).length);
        assertEquals(32, Base64.getDecoder().decode(keyring.keyEncryptionKey()).length);
        assertNotEquals(keyring.keyEncryptionKey(), keyring.clientJwtSecretKey(), "one key per purpose");
        assertEquals(keyring.clientJwtSecretKey(), load(file).getProperty(CLIENT_JWT_PROPERTY));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void loadOrCreateWhenRestartedThenSameKeysSoStoredClientSecretsStillDecrypt() throws Exception {
        Path file = dir.resolve("keys.properties");
        ServiceKeyring first = ServiceKeyring.loadOrCreate(file, PlatformService.names());

        ServiceKeyring second = ServiceKeyring.loadOrCreate(file, PlatformService.names());

        assertEquals(first.clientJwtSecretKey(), second.clientJwtSecretKey());
        assertEquals(first.keyEncryptionKey(), second.keyEncryptionKey());
        assertEquals(first.privateKey("registration-service"), second.privateKey("registration-service"));
    }

    @Test
    void loadOrCreateWhenFileOfEarlierVersionLacksClientJwtSecretKeyThenAddedAndOtherKeysKept() throws Exception {
        Path file = dir.resolve("keys.properties");
        ServiceKeyring before = ServiceKeyring.loadOrCreate(file, PlatformService.names());
        Properties earlier = load(file);
        earlier.remove(CLIENT_JWT_PROPERTY);
        store(file, earlier);

        ServiceKeyring after = ServiceKeyring.loadOrCreate(file, PlatformService.names());

        assertEquals(32, Base64.getDecoder().decode(after.clientJwtSecretKey()).length);
        assertEquals(after.clientJwtSecretKey(), load(file).getProperty(CLIENT_JWT_PROPERTY), "persisted");
        assertEquals(before.keyEncryptionKey(), after.keyEncryptionKey(), "the signing keys must stay readable");
        for (String service : PlatformService.names()) {
            assertEquals(before.privateKey(service), after.privateKey(service));
        }
    }

    @Test
    void loadOrCreateWhenClientJwtSecretKeyIsNot32BytesThenReplaced() throws Exception {
        Path file = dir.resolve("keys.properties");
        ServiceKeyring.loadOrCreate(file, PlatformService.names());
        Properties edited = load(file);
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        edited.setProperty(CLIENT_JWT_PROPERTY, tooShort);
        store(file, edited);

        ServiceKeyring keyring = ServiceKeyring.loadOrCreate(file, PlatformService.names());

        assertNotEquals(tooShort, keyring.clientJwtSecretKey());
        assertEquals(32, Base64.getDecoder().decode(keyring.clientJwtSecretKey()).length);
    }

    @Test
    void secretEnvironmentWhenRegistrationServiceThenClientJwtSecretKeyAndNoKek() throws Exception {
        ServiceKeyring keyring = ServiceKeyring.loadOrCreate(dir.resolve("keys.properties"), PlatformService.names());

        Map<String, String> env = keyring.secretEnvironment(PlatformService.REGISTRATION);

        assertEquals(keyring.clientJwtSecretKey(), env.get(CLIENT_JWT_ENV));
        assertEquals(keyring.privateKey("registration-service"), env.get("GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY"));
        assertFalse(env.containsKey(KEK_ENV));
    }

    @Test
    void secretEnvironmentWhenAnyOtherServiceThenNoClientJwtSecretKey() throws Exception {
        ServiceKeyring keyring = ServiceKeyring.loadOrCreate(dir.resolve("keys.properties"), PlatformService.names());

        for (PlatformService service : PlatformService.values()) {
            Map<String, String> env = keyring.secretEnvironment(service);
            assertEquals(keyring.privateKey(service.serviceName()), env.get("GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY"));
            if (service != PlatformService.REGISTRATION) {
                assertFalse(env.containsKey(CLIENT_JWT_ENV), service + " must not hold registration's key");
            }
            if (service == PlatformService.TOKEN) {
                assertEquals(keyring.keyEncryptionKey(), env.get(KEK_ENV));
            } else {
                assertFalse(env.containsKey(KEK_ENV), service + " must not hold token-service's key");
            }
        }
        assertEquals(Set.of("GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY"),
                keyring.secretEnvironment(PlatformService.AUTHORIZATION).keySet());
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static void store(Path file, Properties properties) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
    }
}
