package org.gatehouse.token.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /**
     * Arbitrary but fixed id of the PostgreSQL advisory lock that serialises key creation across replicas
     * ("gatehsk1" in ASCII). Every replica must use the same value.
     */
    static final long KEY_CREATION_LOCK = 0x676174656873_6b31L;

    public Optional<SigningKey> findActive() {
        return find("status", SigningKeyStatus.ACTIVE).firstResultOptional();
    }

    /** Every key that belongs in the JWKS, oldest first. */
    public List<SigningKey> findPublished() {
        return list("status in ?1 order by createdAt",
                EnumSet.of(SigningKeyStatus.NEXT, SigningKeyStatus.ACTIVE, SigningKeyStatus.RETIRED));
    }

    /**
     * Takes the transaction-scoped advisory lock that guards key creation; released at commit or rollback.
     * Callers must re-read the state after taking it: another replica may have created a key meanwhile.
     */
    public void lockKeyCreation() {
        getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(:lock)")
                .setParameter("lock", KEY_CREATION_LOCK)
                .getSingleResult();
    }
}
