package org.gatehouse.registration.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.registration.repository.ApiKeyRepository;
import org.gatehouse.registration.repository.DeveloperAppRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read side of the API keys for resource servers: by key id, the app the key belongs to and the hashes of every
 * secret valid now. The caller hashes the presented secret and compares in constant time; raw keys never come here.
 */
@ApplicationScoped
public class ApiKeyDirectory {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{" + ApiKeyIssuer.KEY_ID_LENGTH + "}");

    private final DeveloperAppRepository apps;
    private final ApiKeyRepository keys;

    public ApiKeyDirectory(DeveloperAppRepository apps, ApiKeyRepository keys) {
        this.apps = apps;
        this.keys = keys;
    }

    public Optional<ApiKeyCredentials> find(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        return apps.findByApiKeyId(keyId).map(app -> new ApiKeyCredentials(keyId, app.getClientId(),
                app.getRequestedPermissions(), keys.activeHashes(app.getId(), Instant.now())));
    }

    /** A key id, its app and the SHA-256 hashes (never the secrets) valid now; several during a rotation overlap. */
    public record ApiKeyCredentials(String keyId, String clientId, List<String> requestedPermissions,
                                    List<String> keyHashes) {
    }
}
