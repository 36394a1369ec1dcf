package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /**
     * Arbitrary but fixed id of the PostgreSQL advisory lock that serialises every change of key states across
     * replicas ("gatehsk1" in ASCII). Every replica must use the same value.
     */
    static final long KEY_CHANGE_LOCK = 0x676174656873_6b31L;

    /** The key of {@code algorithm} that signs now; each algorithm has its own ring of keys. */
    public Optional<SigningKey> findActive(String algorithm) {
        return find("status = ?1 and algorithm = ?2", SigningKeyStatus.ACTIVE, algorithm).firstResultOptional();
    }

    public Optional<SigningKey> findNext(String algorithm) {
        return find("status = ?1 and algorithm = ?2", SigningKeyStatus.NEXT, algorithm).firstResultOptional();
    }

    /** Every key that belongs in the JWKS at {@code now}, oldest first: NEXT, ACTIVE and unexpired RETIRED keys. */
    public List<SigningKey> findPublished(Instant now) {
        return list("(status in ?1 or (status = ?2 and unpublishAt > ?3)) order by createdAt",
                List.of(SigningKeyStatus.NEXT, SigningKeyStatus.ACTIVE), SigningKeyStatus.RETIRED, now);
    }

    /** Every row, oldest first, whatever its state. */
    public List<SigningKey> findAllOldestFirst() {
        return list("order by createdAt");
    }

    /** Deletes the RETIRED keys whose tokens have all expired by {@code now}. */
    public long deleteUnpublishedBy(Instant now) {
        return delete("status = ?1 and unpublishAt <= ?2", SigningKeyStatus.RETIRED, now);
    }

    /**
     * Waits for the transaction-scoped advisory lock that guards key changes; released at commit or rollback.
     * Callers read the key states only after taking it: another replica may have changed them meanwhile.
     */
    public void lockKeyChanges() {
        getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(:lock)")
                .setParameter("lock", KEY_CHANGE_LOCK)
                .getSingleResult();
    }

    /** Like {@link #lockKeyChanges()} without waiting: false when another replica holds the lock. */
    public boolean tryLockKeyChanges() {
        return (Boolean) getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", KEY_CHANGE_LOCK)
                .getSingleResult();
    }
}
