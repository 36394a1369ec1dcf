package org.gatehouse.token.introspection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.issue.AccessTokenVerifier;
import org.gatehouse.token.issue.SigningKeys;
import org.gatehouse.token.issue.VerifiedAccessToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Access tokens whose signature {@link AccessTokenVerifier} has already checked, so a resource server introspecting
 * the same token again costs no second ES256 verification (most of introspection's CPU, bench/RESULTS.md). What can
 * change about a token after it was issued is not cached: its expiry and the revocation denylist are judged on every
 * introspection by {@link TokenIntrospection}. An entry lives until the token's {@code exp} or
 * {@code token.verified-token-cache.max-age}, whichever comes first, is bounded in number, and is only used while
 * the key that signed the token is still published, so withdrawing a key stops its tokens at once. Keyed by the
 * SHA-256 of the whole compact token, signature included: the raw token is never a key, and a token differing in
 * any byte is verified on its own. Tokens that fail verification are never cached.
 */
@ApplicationScoped
public class VerifiedAccessTokenCache {

    private final AccessTokenVerifier verifier;
    private final SigningKeys signingKeys;
    private final Cache<String, Entry> entries;
    private final long maxAgeMillis;

    public VerifiedAccessTokenCache(AccessTokenVerifier verifier, SigningKeys signingKeys, TokenConfig config) {
        this.verifier = verifier;
        this.signingKeys = signingKeys;
        this.maxAgeMillis = config.verifiedTokenCache().maxAge().toMillis();
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.verifiedTokenCache().maximumSize())
                .expireAfter(new UntilValidUntil())
                .build();
    }

    /** Like {@link AccessTokenVerifier#verify}, from the cache when this exact token was verified before. */
    public Optional<VerifiedAccessToken> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String key = digest(token);
        Entry entry = entries.getIfPresent(key);
        if (entry != null && System.currentTimeMillis() < entry.validUntilMillis()
                && signingKeys.publishedKids().contains(entry.kid())) {
            return Optional.of(entry.token());
        }
        Optional<VerifiedAccessToken> verified = verifier.verify(token);
        verified.ifPresent(accessToken -> remember(key, token, accessToken));
        return verified;
    }

    private void remember(String key, String token, VerifiedAccessToken accessToken) {
        long now = System.currentTimeMillis();
        long validUntil = Math.min(accessToken.expiresAt().toEpochMilli(), now + maxAgeMillis);
        String kid = keyId(token);
        if (validUntil > now && kid != null) {
            entries.put(key, new Entry(accessToken, kid, validUntil));
        }
    }

    /** The verified token's {@code kid} header; the signature was checked already, this only reads the header. */
    private static String keyId(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return jws.getKeyIdHeaderValue();
        } catch (JoseException e) {
            return null;
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Entry(VerifiedAccessToken token, String kid, long validUntilMillis) {
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
