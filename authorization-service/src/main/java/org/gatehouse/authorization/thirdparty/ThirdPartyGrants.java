package org.gatehouse.authorization.thirdparty;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.audit.AuditLog;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.profile.ProfilePermissions;
import org.gatehouse.authorization.repository.ExposureProfile;
import org.gatehouse.authorization.repository.ExposureProfileRepository;
import org.gatehouse.authorization.repository.ThirdPartyGrant;
import org.gatehouse.authorization.repository.ThirdPartyGrantRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' grants to third-party apps: which profile an app may act through. A grant points at the profile rather
 * than copying its permissions, so an edit of the profile applies to the app at once (resource-service computes
 * the app's effective permissions as its requested permissions ∩ the profile's, on every call).
 */
@ApplicationScoped
public class ThirdPartyGrants {

    private final ThirdPartyGrantRepository grants;
    private final ExposureProfileRepository profiles;
    private final AuditLog audit;

    public ThirdPartyGrants(ThirdPartyGrantRepository grants, ExposureProfileRepository profiles, AuditLog audit) {
        this.audit = audit;
        this.grants = grants;
        this.profiles = profiles;
    }

    /**
     * Grants the app access through the user's profile, replacing any earlier grant, when the profile covers
     * {@code requested}. The profile is read {@code FOR SHARE}: it cannot be edited or deleted until this commits.
     */
    @Transactional
    public Outcome grant(String userId, String clientId, UUID profileId, List<String> requested) {
        Optional<ExposureProfile> profile = profiles.findOwned(userId, profileId, LockModeType.PESSIMISTIC_READ);
        if (profile.isEmpty()) {
            return Outcome.NO_SUCH_PROFILE;
        }
        if (!ProfilePermissions.parse(profile.get().permissions).containsAll(requested)) {
            return Outcome.NOT_COVERING;
        }
        ThirdPartyGrant grant = new ThirdPartyGrant();
        grant.id = UUID.randomUUID();
        grant.userId = userId;
        grant.clientId = clientId;
        grant.profileId = profileId;
        grant.grantedAt = Instant.now();
        grants.replaceLive(grant);
        audit.record("consent.granted", "success",
                Map.of("user_id", userId, "client_id", clientId, "profile_id", profileId.toString()));
        return Outcome.GRANTED;
    }

    /** The user's live grant to the app with the profile's current permissions. */
    @Transactional
    public Optional<ActiveGrant> findActive(String userId, String clientId) {
        return grants.findLive(userId, clientId).flatMap(grant -> profileOf(grant)
                .map(profile -> new ActiveGrant(clientId, userId, profile.id, profile.name,
                        ProfilePermissions.parse(profile.permissions), grant.grantedAt)));
    }

    /** The user's live grants, newest first. */
    @Transactional
    public List<ActiveGrant> listFor(String userId) {
        return grants.listLive(userId).stream()
                .flatMap(grant -> profileOf(grant).stream()
                        .map(profile -> new ActiveGrant(grant.clientId, userId, profile.id, profile.name,
                                ProfilePermissions.parse(profile.permissions), grant.grantedAt)))
                .toList();
    }

    /** Revokes the user's grant to the app; false when there was none. */
    @Transactional
    public boolean revoke(String userId, String clientId) {
        return grants.revokeLive(userId, clientId, Instant.now());
    }

    private Optional<ExposureProfile> profileOf(ThirdPartyGrant grant) {
        // The schema keeps a live grant's profile (FK + CHECK); the owner check guards against a mixed-up row.
        return grant.profileId == null ? Optional.empty() : profiles.findOwned(grant.userId, grant.profileId);
    }

    public enum Outcome { GRANTED, NO_SUCH_PROFILE, NOT_COVERING }

    /** A live grant: the app may act for the user within {@code permissions} (the profile's, as of now). */
    public record ActiveGrant(String clientId, String userId, UUID profileId, String profileName,
                              List<String> permissions, Instant grantedAt) {
    }
}
