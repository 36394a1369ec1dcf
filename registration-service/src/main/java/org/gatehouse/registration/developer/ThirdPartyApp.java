package org.gatehouse.registration.developer;

import org.gatehouse.registration.repository.DeveloperApp;

import java.time.Instant;
import java.util.List;

/** A developer app as its owner sees it: never a key, only the public key id every key of the app starts with. */
public record ThirdPartyApp(String clientId, String name, List<String> redirectUris,
                            List<String> requestedPermissions, String apiKeyId, Instant createdAt) {

    static ThirdPartyApp of(DeveloperApp app) {
        return new ThirdPartyApp(app.getClientId(), app.getName(), app.getRedirectUris(),
                app.getRequestedPermissions(), app.getApiKeyId(), app.getCreatedAt());
    }
}
