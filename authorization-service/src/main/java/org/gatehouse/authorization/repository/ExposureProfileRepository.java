package org.gatehouse.authorization.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ExposureProfileRepository implements PanacheRepositoryBase<ExposureProfile, UUID> {

    /** The user's profiles, oldest first (the defaults lead), ties by name. */
    public List<ExposureProfile> listFor(String userId) {
        return list("userId = ?1 order by createdAt, lower(name)", userId);
    }

    public long countFor(String userId) {
        return count("userId", userId);
    }

    public Optional<ExposureProfile> findOwned(String userId, UUID id) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    /**
     * As {@link #findOwned} with a lock: {@code FOR UPDATE} to change or delete it, {@code FOR SHARE} to grant it,
     * so a deletion and a grant of one profile never interleave.
     */
    public Optional<ExposureProfile> findOwned(String userId, UUID id, LockModeType lock) {
        return find("id = ?1 and userId = ?2", id, userId).withLock(lock).firstResultOptional();
    }

    public Optional<ExposureProfile> findByName(String userId, String name) {
        return find("userId = ?1 and lower(name) = ?2", userId, name.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /**
     * Inserts the profile unless the user already has one of that name (ignoring case); false in that case.
     * Two concurrent creations of one name thus give one 201 and one 409, never a 500.
     */
    public boolean insertIfNameFree(ExposureProfile profile) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO "authorization".exposure_profile (id, user_id, name, permissions, created_at, updated_at)
                        VALUES (:id, :userId, :name, :permissions, :createdAt, :updatedAt)
                        ON CONFLICT (user_id, lower(name)) DO NOTHING""")
                .setParameter("id", profile.id)
                .setParameter("userId", profile.userId)
                .setParameter("name", profile.name)
                .setParameter("permissions", profile.permissions)
                .setParameter("createdAt", profile.createdAt)
                .setParameter("updatedAt", profile.updatedAt)
                .executeUpdate() == 1;
    }

    /** Records that the user's default profiles are being created; false when that already happened. */
    public boolean claimDefaults(String userId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO "authorization".exposure_profile_defaults (user_id, created_at)
                        VALUES (:userId, :now) ON CONFLICT (user_id) DO NOTHING""")
                .setParameter("userId", userId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    public boolean defaultsClaimed(String userId) {
        return ((Number) getEntityManager().createNativeQuery("""
                        SELECT count(*) FROM "authorization".exposure_profile_defaults WHERE user_id = :userId""")
                .setParameter("userId", userId)
                .getSingleResult()).longValue() > 0;
    }
}
