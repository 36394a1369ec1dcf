package org.gatehouse.registration.developer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.apikey.ApiKeyIssuer;
import org.gatehouse.registration.client.ClientChanged;
import org.gatehouse.registration.client.ClientIdIssuer;
import org.gatehouse.registration.client.ClientMetadataValidator;
import org.gatehouse.registration.client.RedirectUriValidator;
import org.gatehouse.registration.config.RegistrationConfig;
import org.gatehouse.registration.repository.ApiKey;
import org.gatehouse.registration.repository.ApiKeyRepository;
import org.gatehouse.registration.repository.DeveloperApp;
import org.gatehouse.registration.repository.DeveloperAppRepository;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's third-party apps (issue 6): register, list, rotate the API key, delete. Every operation names the
 * owner, so one user can neither see nor change another's app: such an app is simply not found. An app and its
 * first key are stored in one transaction; deleting the app deletes its keys with it, so they stop working at once.
 * A rotated key keeps working for {@code registration.api-key-rotation-overlap} (default zero).
 */
@ApplicationScoped
public class DeveloperApps {

    private static final Logger LOG = Logger.getLogger(DeveloperApps.class);

    private final ClientMetadataValidator metadataValidator;
    private final RedirectUriValidator redirectUriValidator;
    private final RequestedPermissionsValidator permissionsValidator;
    private final ClientIdIssuer clientIdIssuer;
    private final ApiKeyIssuer keyIssuer;
    private final DeveloperAppRepository apps;
    private final ApiKeyRepository keys;
    private final Duration rotationOverlap;
    private final int maxAppsPerUser;
    private final AuditLog audit;
    private final Event<ClientChanged> changes;

    public DeveloperApps(ClientMetadataValidator metadataValidator, RedirectUriValidator redirectUriValidator,
                         RequestedPermissionsValidator permissionsValidator, ClientIdIssuer clientIdIssuer,
                         ApiKeyIssuer keyIssuer, DeveloperAppRepository apps, ApiKeyRepository keys,
                         RegistrationConfig config, AuditLog audit, Event<ClientChanged> changes) {
        this.audit = audit;
        this.changes = changes;
        this.metadataValidator = metadataValidator;
        this.redirectUriValidator = redirectUriValidator;
        this.permissionsValidator = permissionsValidator;
        this.clientIdIssuer = clientIdIssuer;
        this.keyIssuer = keyIssuer;
        this.apps = apps;
        this.keys = keys;
        this.rotationOverlap = config.apiKeyRotationOverlap().isNegative() ? Duration.ZERO
                : config.apiKeyRotationOverlap();
        this.maxAppsPerUser = config.limits().maxAppsPerUser();
    }

    /**
     * @throws OAuthException 400 {@code invalid_client_metadata} (name), {@code invalid_redirect_uri},
     *                        {@code invalid_scope} (permissions) or {@code invalid_request} (too many apps)
     */
    @Transactional
    public IssuedApp register(UUID ownerId, DeveloperAppRequest request) {
        String name = metadataValidator.clientName("name", request.name());
        List<String> redirectUris = redirectUris(request.redirectUris());
        List<String> permissions = permissionsValidator.validate(request.requestedPermissions());
        if (apps.countOwned(ownerId) >= maxAppsPerUser) {
            throw OAuthException.invalidRequest("You already have " + maxAppsPerUser
                    + " apps, the most one account may register; delete one first");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DeveloperApp app = new DeveloperApp(DeveloperApp.CLIENT_ID_PREFIX + clientIdIssuer.issue(), ownerId, name,
                redirectUris, permissions, keyIssuer.newKeyId(), now);
        apps.persist(app);
        ApiKeyIssuer.IssuedApiKey key = keyIssuer.issue(app.getApiKeyId());
        keys.persist(new ApiKey(app.getId(), key.secretHash(), now));
        LOG.infof("Registered developer app %s (%s) for %s with permissions %s", app.getClientId(), name, ownerId,
                permissions);
        audit.record("client.created", "success", Map.of("client_id", app.getClientId(), "owner_id", ownerId.toString(),
                "via", "developer_apps"));
        audit.record("api_key.created", "success", Map.of("client_id", app.getClientId(), "owner_id", ownerId.toString()));
        return new IssuedApp(ThirdPartyApp.of(app), key.value());
    }

    public List<ThirdPartyApp> list(UUID ownerId) {
        return apps.listOwned(ownerId).stream().map(ThirdPartyApp::of).toList();
    }

    public Optional<ThirdPartyApp> find(UUID ownerId, String clientId) {
        if (!plausibleClientId(clientId)) {
            return Optional.empty();
        }
        return apps.findOwned(ownerId, clientId).map(ThirdPartyApp::of);
    }

    /**
     * A new key for the app; the previous ones expire after the rotation overlap. The app row is locked so two
     * concurrent rotations cannot leave two "current" keys.
     */
    @Transactional
    public Optional<IssuedApp> rotateKey(UUID ownerId, String clientId) {
        if (!plausibleClientId(clientId)) {
            return Optional.empty();
        }
        return apps.findOwnedForUpdate(ownerId, clientId).map(app -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            keys.expireActive(app.getId(), now.plus(rotationOverlap));
            ApiKeyIssuer.IssuedApiKey key = keyIssuer.issue(app.getApiKeyId());
            keys.persist(new ApiKey(app.getId(), key.secretHash(), now));
            LOG.infof("Rotated the API key of developer app %s; previous keys expire in %s", clientId, rotationOverlap);
            audit.record("api_key.rotated", "success", Map.of("client_id", clientId, "owner_id", ownerId.toString()));
            return new IssuedApp(ThirdPartyApp.of(app), key.value());
        });
    }

    /** True when the owner had such an app; its keys are gone with it. */
    @Transactional
    public boolean delete(UUID ownerId, String clientId) {
        if (!plausibleClientId(clientId)) {
            return false;
        }
        boolean deleted = apps.deleteOwned(ownerId, clientId);
        if (deleted) {
            LOG.infof("Deleted developer app %s of %s", clientId, ownerId);
            audit.record("client.deleted", "success", Map.of("client_id", clientId, "owner_id", ownerId.toString(),
                    "via", "developer_apps"));
            audit.record("api_key.deleted", "success", Map.of("client_id", clientId, "owner_id", ownerId.toString()));
            changes.fire(new ClientChanged(clientId));
        }
        return deleted;
    }

    private List<String> redirectUris(List<String> requested) {
        List<String> uris = redirectUriValidator.validate(requested);
        if (uris.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI, "At least one redirect URI is required");
        }
        if (uris.contains(RedirectUriValidator.OUT_OF_BAND)) {
            // The consent result (code=success&user_id=...) is read by the app from the redirect; there is no page
            // to show it on.
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "The out-of-band redirect URI cannot be used by API-key apps");
        }
        return uris;
    }

    private static boolean plausibleClientId(String clientId) {
        return clientId != null && clientId.startsWith(DeveloperApp.CLIENT_ID_PREFIX) && clientId.length() <= 64;
    }
}
