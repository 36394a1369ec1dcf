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
     * Lifetime of each refresh token, counted from its issue; a rotation issues the next one with a fresh
     * lifetime, so a family used at least this often lives on until it is revoked.
     */
    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** Lifetime of OpenID Connect ID tokens. */
    @WithDefault("PT1H")
    Duration idTokenLifetime();

    /**
     * How often the published keys are re-read from the database, so a key another replica created or
     * rotated in is seen. Read by the scheduler expression in {@code SigningKeys}.
     */
    @WithDefault("30s")
    String keyReloadInterval();

    /** Brute-force protection of {@code POST /authenticate}. */
    Authenticate authenticate();

    /** Deletion of rows nothing can use any more. */
    Cleanup cleanup();

    interface Authenticate {

        /** Failed attempts per {@code user_key} within {@link #window()} before 429 (ARCHITECTURE.md: 10). */
        @WithDefault("10")
        int maxFailuresPerKey();

        /** Failed attempts per client IP within {@link #window()} before 429 (ARCHITECTURE.md: 100). */
        @WithDefault("100")
        int maxFailuresPerIp();

        /** The counting window; it starts at the first failure and a 429 lasts until it ends. */
        @WithDefault("PT15M")
        Duration window();
    }

    interface Cleanup {

        /** Scheduler period; read by the expression in {@code ExpiredRowCleanup}. */
        @WithDefault("10m")
        String interval();

        /** Rows per DELETE statement, so a backlog never becomes one long lock-holding statement. */
        @WithDefault("1000")
        int batchSize();
    }
}
