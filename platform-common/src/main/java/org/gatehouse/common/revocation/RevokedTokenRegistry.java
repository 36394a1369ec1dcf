package org.gatehouse.common.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory denylist of revoked access-token ids, kept until the token would have expired anyway, so checking a
 * token stays a map lookup with no I/O. Filled by {@link RevocationPoller}, and at once by a service that revokes.
 */
@ApplicationScoped
public class RevokedTokenRegistry {

    private final Map<String, Long> expiryByJti = new ConcurrentHashMap<>();
    private final DenylistFreshness freshness;

    public RevokedTokenRegistry(DenylistFreshness freshness) {
        this.freshness = freshness;
    }

    /**
     * Whether an access token must be refused: its {@code jti} is on the denylist, or the denylist is too stale to
     * speak for a token issued at {@code issuedAtEpochSeconds} ({@link DenylistFreshness#tooStaleFor}).
     */
    public boolean refuses(String jti, long issuedAtEpochSeconds) {
        return isRevoked(jti) || freshness.tooStaleFor(issuedAtEpochSeconds);
    }

    boolean isRevoked(String jti) {
        return jti != null && expiryByJti.containsKey(jti);
    }

    public void addAll(Collection<RevokedJtis.Entry> entries) {
        entries.forEach(e -> expiryByJti.put(e.jti(), e.exp()));
    }

    void purgeExpiredBefore(long epochSeconds) {
        expiryByJti.values().removeIf(exp -> exp < epochSeconds);
    }

    int size() {
        return expiryByJti.size();
    }
}
