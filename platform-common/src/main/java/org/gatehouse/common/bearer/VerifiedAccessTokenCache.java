package org.gatehouse.common.bearer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Bearer tokens whose signature and claims quarkus-oidc has already verified, so a token presented again is not
 * re-verified: ES256 verification is most of the CPU of a bearer request (bench/RESULTS.md). Bounded in size; an
 * entry lives until the token's {@code exp} or {@code gatehouse.verified-token-cache.max-age}, whichever comes first,
 * and a hit past {@code exp} is refused even before the entry is evicted. Keyed by the SHA-256 of the whole compact
 * token, signature included, so the raw token is never a key and a token differing in any byte (a forged signature
 * on a cached header and payload) is a miss and is verified. Revocation is not this class's concern: a
 * service that refuses revoked tokens does so in a {@code SecurityIdentityAugmentor}, which runs on every request, hit
 * or miss (resource-service's {@code AccessTokenPolicy}).
 */
@ApplicationScoped
public class VerifiedAccessTokenCache {

    private final Cache<String, Entry> entries;
    private final long maxAgeMillis;

    public VerifiedAccessTokenCache(VerifiedTokenCacheConfig config) {
        this.maxAgeMillis = config.maxAge().toMillis();
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.maximumSize())
                .expireAfter(new UntilValidUntil())
                .build();
    }

    /** The identity verified earlier for exactly this token, while the token has not expired. */
    public Optional<SecurityIdentity> find(String token) {
        Entry entry = entries.getIfPresent(digest(token));
        if (entry == null || System.currentTimeMillis() >= entry.validUntilMillis()) {
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    /**
     * Remembers a verified identity until the token expires ({@code expSeconds}) or the maximum age passes. A token
     * already expired (quarkus-oidc may allow a grace period) is not remembered.
     */
    public void remember(String token, SecurityIdentity identity, long expSeconds) {
        long now = System.currentTimeMillis();
        long validUntil = Math.min(TimeUnit.SECONDS.toMillis(expSeconds), now + maxAgeMillis);
        if (validUntil > now) {
            entries.put(digest(token), new Entry(identity, validUntil));
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Entry(SecurityIdentity identity, long validUntilMillis) {
    }

    /** Evicts each entry at its own deadline (token exp or max age), not at one fixed TTL. */
    private static final class UntilValidUntil implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, entry.validUntilMillis() - System.currentTimeMillis()));
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
