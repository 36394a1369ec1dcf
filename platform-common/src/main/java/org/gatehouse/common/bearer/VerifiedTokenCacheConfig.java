package org.gatehouse.common.bearer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Bearer tokens already verified by quarkus-oidc (prefix {@code gatehouse.verified-token-cache}), so a repeated token
 * costs no second ES256 verification ({@link CachedBearerIdentityProvider}).
 */
@ConfigMapping(prefix = "gatehouse.verified-token-cache")
public interface VerifiedTokenCacheConfig {

    /**
     * Longest time a verified token is served from the cache (never beyond its {@code exp}); bounds how long a token
     * signed by a key withdrawn from the JWKS in an emergency keeps passing.
     */
    @WithDefault("PT1M")
    Duration maxAge();

    /** Tokens remembered at most; each entry holds the token's parsed claims (a few KiB). */
    @WithDefault("10000")
    long maximumSize();
}
