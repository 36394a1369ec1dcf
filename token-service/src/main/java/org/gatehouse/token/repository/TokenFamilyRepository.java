package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TokenFamilyRepository implements PanacheRepositoryBase<TokenFamily, UUID> {

    /** The family, row-locked until the transaction ends: rotation and revocation of it queue behind each other. */
    public Optional<TokenFamily> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ids of the families issued from a code, locked in id order (a fixed order cannot deadlock). */
    public List<UUID> lockByCode(String codeId) {
        return find("codeId = ?1 order by id", codeId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .stream().map(family -> family.id).toList();
    }

    /** Ids of the families of a user and client that are not revoked yet, locked in id order. */
    public List<UUID> lockUnrevokedOf(String userId, String clientId) {
        return find("userId = ?1 and clientId = ?2 and revokedAt is null order by id", userId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .stream().map(family -> family.id).toList();
    }

    public void markRevoked(Collection<UUID> ids, Instant now) {
        update("revokedAt = ?1 where id in ?2 and revokedAt is null", now, ids);
    }

    /**
     * Deletes up to {@code limit} families created before {@code cutoff} that have neither refresh tokens nor
     * access tokens left (both are deleted when they expire). Rows another replica is deleting are skipped.
     */
    public int deleteEmptyCreatedBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM {h-schema}token_family WHERE id IN (
                            SELECT f.id FROM {h-schema}token_family f
                            WHERE f.created_at < :cutoff
                              AND NOT EXISTS (SELECT 1 FROM {h-schema}refresh_token r WHERE r.family_id = f.id)
                              AND NOT EXISTS (SELECT 1 FROM {h-schema}family_access_token a WHERE a.family_id = f.id)
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
