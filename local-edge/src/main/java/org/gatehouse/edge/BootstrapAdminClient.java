package org.gatehouse.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's bootstrap admin client of a local run: an id and a secret made up on first start and kept in
 * {@code .local-run/admin-client.env} (mode 600, {@code KEY=value} lines a shell can {@code source}), then given to
 * registration-service as {@code GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID} / {@code _SECRET}, which creates the client
 * when absent. Kept across runs: the database keeps the client, so a new secret would not match it.
 */
public final class BootstrapAdminClient {

    static final String CLIENT_ID = "GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID";
    static final String CLIENT_SECRET = "GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET";
    private static final int SECRET_BYTES = 32;

    private final Path file;
    private final String clientId;
    private final String clientSecret;

    private BootstrapAdminClient(Path file, String clientId, String clientSecret) {
        this.file = file;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Reads the file, or creates it with a new id and secret when it is missing or incomplete. */
    public static BootstrapAdminClient loadOrCreate(Path file) throws IOException {
        Properties values = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            }
            ServiceKeyring.restrictToOwner(file);
        }
        String id = values.getProperty(CLIENT_ID);
        String secret = values.getProperty(CLIENT_SECRET);
        if (id == null || id.isBlank() || secret == null || secret.length() < 32) {
            id = "gatehouse-admin";
            secret = random();
            String text = "# Gatehouse local-run bootstrap admin client (never use it outside this machine).\n"
                    + "# Its tokens carry admin:read admin:write: POST /oauth/token with client_credentials.\n"
                    + CLIENT_ID + "=" + id + "\n" + CLIENT_SECRET + "=" + secret + "\n";
            ServiceKeyring.writePrivately(file, text);
        }
        return new BootstrapAdminClient(file, id, secret);
    }

    public Path file() {
        return file;
    }

    public String clientId() {
        return clientId;
    }

    /** The variables registration-service gets. */
    public Map<String, String> environment() {
        return Map.of(CLIENT_ID, clientId, CLIENT_SECRET, clientSecret);
    }

    private static String random() {
        byte[] bytes = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
