package org.gatehouse.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of token-service (prefix {@code token}). */
@ConfigMapping(prefix = "token")
public interface TokenConfig {

    /**
     * Base64 of 32 random bytes (env {@code TOKEN_KEY_ENCRYPTION_KEY}, from a Kubernetes Secret) that encrypts
     * the private halves of signing keys at rest. Optional here only so that its absence fails startup with a
     * message naming the env variable rather than a generic config error.
     */
    Optional<String> keyEncryptionKey();

    /** JWS algorithm of new signing keys. Only {@code ES256} is implemented; RS256 and EdDSA are planned. */
    @WithDefault("ES256")
    String signingAlgorithm();

    /** Lifetime of access tokens (ARCHITECTURE.md: one hour). */
    @WithDefault("PT1H")
    Duration accessTokenLifetime();

    /**
     * How often the published keys are re-read from the database, so a key another replica created or
     * rotated in is seen. Read by the scheduler expression in {@code SigningKeys}.
     */
    @WithDefault("30s")
    String keyReloadInterval();
}
