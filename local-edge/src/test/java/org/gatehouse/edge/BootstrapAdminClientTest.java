package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapAdminClientTest {

    @TempDir
    Path dir;

    @Test
    void loadOrCreateWhenNoFileThenRandomSecretWrittenOwnerOnlyAndKeptAcrossRuns() throws Exception {
        Path file = dir.resolve(".local-run/admin-client.env");

        Map<String, String> first = BootstrapAdminClient.loadOrCreate(file).environment();
        Map<String, String> again = BootstrapAdminClient.loadOrCreate(file).environment();

        assertEquals(first, again);
        assertEquals("gatehouse-admin", first.get("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID"));
        assertTrue(first.get("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET").matches("[A-Za-z0-9_-]{43}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertTrue(text.contains("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET=" + first.get(
                "GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET") + "\n"), text);
        Path other = dir.resolve("other/admin-client.env");
        assertNotEquals(first.get("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET"),
                BootstrapAdminClient.loadOrCreate(other).environment().get("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET"));
    }

    @Test
    void loadOrCreateWhenFileReadableByOthersThenRestrictedToOwner() throws Exception {
        Path file = dir.resolve("admin-client.env");
        BootstrapAdminClient.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BootstrapAdminClient.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
