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

    public boolean isRevoked(String jti) {
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
