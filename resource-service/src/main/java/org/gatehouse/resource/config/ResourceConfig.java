package org.gatehouse.resource.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** resource-service settings (prefix {@code resource}). */
@ConfigMapping(prefix = "resource")
public interface ResourceConfig {

    /** How often the revoked-token list is pulled from token-service; revocation must bite within 5 s. */
    @WithDefault("2s")
    Duration revocationPollInterval();

    /** Bearer tokens already verified, so a repeated token costs no second ES256 verification. */
    VerifiedTokenCache verifiedTokenCache();

    interface VerifiedTokenCache {

        /**
         * Longest time a verified token is served from the cache (never beyond its {@code exp}); bounds how long a
         * token signed by a key withdrawn from the JWKS in an emergency keeps passing.
         */
        @WithDefault("60s")
        Duration maxAge();

        /** Tokens remembered at most; each entry holds the token's parsed claims (a few KiB). */
        @WithDefault("10000")
        long maximumSize();
    }
}
