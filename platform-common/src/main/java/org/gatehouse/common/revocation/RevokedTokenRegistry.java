package org.gatehouse.resource.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.resource.remote.RevokedJtis;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory denylist of revoked access-token ids, kept until the token would have expired anyway, so the
 * bearer check stays a map lookup with no I/O.
 */
@ApplicationScoped
public class RevokedTokenRegistry {

    private final Map<String, Long> expiryByJti = new ConcurrentHashMap<>();

    public boolean isRevoked(String jti) {
        return jti != null && expiryByJti.containsKey(jti);
    }

    void addAll(Collection<RevokedJtis.Entry> entries) {
        entries.forEach(e -> expiryByJti.put(e.jti(), e.exp()));
    }

    void purgeExpiredBefore(long epochSeconds) {
        expiryByJti.values().removeIf(exp -> exp < epochSeconds);
    }

    int size() {
        return expiryByJti.size();
    }
}
