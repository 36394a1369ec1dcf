package org.gatehouse.token.introspection;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.bearer.ExpiringTokenCache;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.issue.AccessTokenVerifier;
import org.gatehouse.token.issue.SigningKeys;
import org.gatehouse.token.issue.VerifiedAccessToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.util.Optional;

/**
 * Access tokens whose signature {@link AccessTokenVerifier} has already checked, so a resource server introspecting
 * the same token again costs no second ES256 verification (most of introspection's CPU, bench/RESULTS.md). What can
 * change about a token after it was issued is not cached: its expiry and the revocation denylist are judged on every
 * introspection by {@link TokenIntrospection}, and a hit is only used while the key that signed the token is still
 * published, so withdrawing a key stops its tokens at once. Entries are kept by platform-common's
 * {@link ExpiringTokenCache} (never past the token's {@code exp} or {@code token.verified-token-cache.max-age},
 * bounded in number, keyed by a digest of the whole token). Tokens that fail verification are never cached.
 */
@ApplicationScoped
public class VerifiedAccessTokenCache {

    private final AccessTokenVerifier verifier;
    private final SigningKeys signingKeys;
    private final ExpiringTokenCache<Verified> verified;

    public VerifiedAccessTokenCache(AccessTokenVerifier verifier, SigningKeys signingKeys, TokenConfig config) {
        this.verifier = verifier;
        this.signingKeys = signingKeys;
        this.verified = new ExpiringTokenCache<>(config.verifiedTokenCache().maxAge(),
                config.verifiedTokenCache().maximumSize());
    }

    /** Like {@link AccessTokenVerifier#verify}, from the cache when this exact token was verified before. */
    public Optional<VerifiedAccessToken> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Optional<Verified> cached = verified.find(token);
        if (cached.isPresent() && signingKeys.publishedKids().contains(cached.get().kid())) {
            return Optional.of(cached.get().token());
        }
        Optional<VerifiedAccessToken> fresh = verifier.verify(token);
        fresh.ifPresent(accessToken -> remember(token, accessToken));
        return fresh;
    }

    private void remember(String token, VerifiedAccessToken accessToken) {
        String kid = keyId(token);
        if (kid != null) {
            verified.remember(token, new Verified(accessToken, kid), accessToken.expiresAt());
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

    /** A verified token and the key that signed it, checked against the published keys on every hit. */
    private record Verified(VerifiedAccessToken token, String kid) {
    }
}
