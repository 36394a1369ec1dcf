package org.gatehouse.authorization.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.repository.ExposureProfile;
import org.gatehouse.authorization.repository.ExposureProfileRepository;
import org.gatehouse.authorization.repository.ThirdPartyGrantRepository;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's exposure profiles (ARCHITECTURE.md flow 5): named sets of permissions the user lends to third-party
 * apps. Every method acts for one user only: another user's profile is "not found", never "forbidden", so ids
 * reveal nothing. The default profiles ({@link DefaultProfiles}) are created on the user's first access, once:
 * a user who deletes them does not get them back.
 */
@ApplicationScoped
public class ExposureProfiles {

    public static final int MAX_NAME_LENGTH = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_CUSTOM_NAME_ATTEMPTS = 20;

    private final ExposureProfileRepository profiles;
    private final ThirdPartyGrantRepository grants;
    private final int maxPerUser;

    public ExposureProfiles(ExposureProfileRepository profiles, ThirdPartyGrantRepository grants,
                            AuthorizationConfig config) {
        this.profiles = profiles;
        this.grants = grants;
        this.maxPerUser = config.profiles().maxPerUser();
    }

    /** The user's profiles, defaults first. */
    @Transactional
    public List<Profile> list(String userId) {
        ensureDefaults(userId);
        return profiles.listFor(userId).stream().map(ExposureProfiles::toProfile).toList();
    }

    @Transactional
    public Optional<Profile> find(String userId, UUID id) {
        ensureDefaults(userId);
        return profiles.findOwned(userId, id).map(ExposureProfiles::toProfile);
    }

    /** Creates a profile; 400 for a bad name or permission, 409 when the user has one of that name already. */
    @Transactional
    public Profile create(String userId, String name, Collection<String> permissions) {
        ensureDefaults(userId);
        String validName = validName(name);
        List<String> granular = ProfilePermissions.normalize(requirePermissions(permissions));
        requireRoom(userId);
        ExposureProfile profile = newProfile(userId, validName, granular, Instant.now());
        if (!profiles.insertIfNameFree(profile)) {
            throw nameTaken();
        }
        return toProfile(profile);
    }

    /** Replaces name and permissions; 404 when the user has no such profile, 409 for a name in use. */
    @Transactional
    public Profile update(String userId, UUID id, String name, Collection<String> permissions) {
        String validName = validName(name);
        List<String> granular = ProfilePermissions.normalize(requirePermissions(permissions));
        ExposureProfile profile = profiles.findOwned(userId, id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(ExposureProfiles::notFound);
        if (profiles.findByName(userId, validName).filter(other -> !other.id.equals(id)).isPresent()) {
            throw nameTaken();
        }
        profile.name = validName;
        profile.permissions = Permissions.format(granular);
        profile.updatedAt = Instant.now();
        try {
            profiles.flush();
        } catch (PersistenceException e) {
            // A concurrent rename took the name between the check and the write; the unique index caught it.
            throw nameTaken();
        }
        return toProfile(profile);
    }

    /**
     * Deletes a profile; 404 when the user has no such profile, 409 while an app the user authorized uses it (the
     * user revokes the app, or re-authorizes it with another profile, first: silently cutting an app off is worse
     * than a clear refusal).
     */
    @Transactional
    public void delete(String userId, UUID id) {
        ExposureProfile profile = profiles.findOwned(userId, id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(ExposureProfiles::notFound);
        long using = grants.countLiveUsing(id);
        if (using > 0) {
            throw new OAuthException(OAuthError.CONFLICT, using == 1
                    ? "An app you authorized uses this profile; revoke it or authorize it with another profile first"
                    : using + " apps you authorized use this profile; revoke them or authorize them with another"
                            + " profile first");
        }
        profiles.delete(profile);
    }

    /**
     * A profile holding exactly {@code permissions}, named after the app ("Notes access", then "Notes access (2)"
     * when that name is taken by a profile holding something else). An existing profile of that name and those
     * permissions is reused, so pressing Customize twice does not leave duplicates.
     */
    @Transactional
    public Profile createFor(String userId, String appName, List<String> permissions) {
        ensureDefaults(userId);
        List<String> granular = ProfilePermissions.normalize(permissions);
        String base = customName(appName);
        for (int attempt = 1; attempt <= MAX_CUSTOM_NAME_ATTEMPTS; attempt++) {
            String name = attempt == 1 ? base : base + " (" + attempt + ")";
            Optional<ExposureProfile> existing = profiles.findByName(userId, name);
            if (existing.isPresent()) {
                if (ProfilePermissions.parse(existing.get().permissions).equals(granular)) {
                    return toProfile(existing.get());
                }
                continue;
            }
            requireRoom(userId);
            ExposureProfile profile = newProfile(userId, name, granular, Instant.now());
            if (profiles.insertIfNameFree(profile)) {
                return toProfile(profile);
            }
        }
        throw OAuthException.invalidRequest("Too many profiles are named after this app; rename or delete some");
    }

    /** A path segment or form value as a profile id; empty when it is not a UUID (then no profile has it). */
    public static Optional<UUID> parseId(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void ensureDefaults(String userId) {
        if (profiles.defaultsClaimed(userId)) {
            return;
        }
        // PostgreSQL keeps microseconds: spacing the rows by one keeps "Basic" first however the list is sorted.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!profiles.claimDefaults(userId, now)) {
            return;
        }
        Instant createdAt = now;
        for (DefaultProfiles.Definition definition : DefaultProfiles.ALL) {
            profiles.insertIfNameFree(newProfile(userId, definition.name(),
                    ProfilePermissions.normalize(definition.permissions()), createdAt));
            createdAt = createdAt.plus(1, ChronoUnit.MICROS);
        }
    }

    private void requireRoom(String userId) {
        if (profiles.countFor(userId) >= maxPerUser) {
            throw OAuthException.invalidRequest("You already have " + maxPerUser
                    + " profiles, the most an account can keep; delete one first");
        }
    }

    private static ExposureProfile newProfile(String userId, String name, List<String> permissions, Instant now) {
        ExposureProfile profile = new ExposureProfile();
        profile.id = UUID.randomUUID();
        profile.userId = userId;
        profile.name = name;
        profile.permissions = Permissions.format(permissions);
        profile.createdAt = now;
        profile.updatedAt = now;
        return profile;
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw OAuthException.invalidRequest("A profile needs a name");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw OAuthException.invalidRequest("A profile name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (CONTROL.matcher(trimmed).find()) {
            throw OAuthException.invalidRequest("A profile name cannot contain control characters");
        }
        return trimmed;
    }

    private static Collection<String> requirePermissions(Collection<String> permissions) {
        if (permissions == null) {
            throw OAuthException.invalidRequest("permissions is required (an empty list exposes nothing)");
        }
        return permissions;
    }

    private static String customName(String appName) {
        String app = appName == null ? "" : CONTROL.matcher(appName).replaceAll(" ").strip();
        if (app.isEmpty()) {
            app = "App";
        }
        String suffix = " access";
        // Room for the suffix and a " (20)" counter.
        int room = MAX_NAME_LENGTH - suffix.length() - 5;
        if (app.length() > room) {
            app = app.substring(0, room).strip();
        }
        return app + suffix;
    }

    private static Profile toProfile(ExposureProfile profile) {
        return new Profile(profile.id, profile.name, ProfilePermissions.parse(profile.permissions));
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "No such exposure profile");
    }

    private static OAuthException nameTaken() {
        return new OAuthException(OAuthError.CONFLICT, "You already have a profile with this name");
    }
}
