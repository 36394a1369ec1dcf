package org.gatehouse.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
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

    /** JWS algorithm of access tokens ({@code ES256} or {@code RS256}). */
    @WithDefault("ES256")
    String signingAlgorithm();

    /**
     * JWS algorithm of ID tokens: RS256 by default, the one OIDC Core §15.1 requires every provider to support. Its
     * keys rotate beside the access-token keys and are published in the same JWKS.
     */
    @WithDefault("RS256")
    String idTokenSigningAlgorithm();

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

    /** Rotation of the access-token signing keys. */
    SigningKey signingKey();

    /**
     * Longest lifetime a client assertion (RFC 7523) may claim: its {@code exp} may lie at most this far ahead. Its
     * {@code jti} is remembered until then, so this also bounds the replay table.
     */
    @WithDefault("PT5M")
    Duration assertionMaxLifetime();

    /** Tolerated clock difference with clients when checking an assertion's {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("PT30S")
    Duration assertionClockSkew();

    /** Fetching and caching of {@code private_key_jwt} clients' keys from their {@code jwks_uri}. */
    ClientJwks clientJwks();

    /** Deletion of rows nothing can use any more. */
    Cleanup cleanup();

    /** Access tokens whose signature introspection already verified ({@code VerifiedAccessTokenCache}). */
    VerifiedTokenCache verifiedTokenCache();

    interface VerifiedTokenCache {

        /** Longest time a verified signature is reused (never beyond the token's {@code exp}). */
        @WithDefault("PT1M")
        Duration maxAge();

        /** Tokens remembered at most; the least recently used are dropped first. */
        @WithDefault("10000")
        long maximumSize();
    }

    interface SigningKey {

        /** How long a key signs before the next one takes over. */
        @WithDefault("P30D")
        Duration rotationPeriod();

        /**
         * How long a new key is published before it may sign: at least resource servers' JWKS cache time (the JWKS
         * is served with {@code max-age=300}) plus {@code token.key-reload-interval}. A retired key stays published
         * this much longer than its last token, covering replicas that have not reloaded yet.
         */
        @WithDefault("PT1H")
        Duration publishAhead();

        /** How often each replica checks whether a rotation or removal is due; read by {@code SigningKeyRotation}. */
        @WithDefault("1m")
        String checkInterval();

        /**
         * Service-token issuers ({@code iss}) allowed to call {@code /internal/signing-keys}. By default only
         * token-service's own identity: an operator holding its key (its Secret) may rotate, siblings may not. Named by
         * {@code SigningKeyRotationResource}'s {@code @InternalApi}, whose filter reads it.
         */
        @WithDefault("token-service")
        List<String> rotationCallers();
    }

    interface ClientJwks {

        /** How long a fetched JWK Set is used before it is fetched again. */
        @WithDefault("PT5M")
        Duration cacheDuration();

        /**
         * An assertion with a {@code kid} not in the cached set causes one refetch (the client may have rotated its
         * key), but not more often than this per client URI, so unknown kids cannot make us hammer a client's server.
         */
        @WithDefault("PT10S")
        Duration minRefetchInterval();

        /**
         * Hard deadline of one fetch: connect, headers and the whole body together. Requests waiting for that fetch
         * give up at the same deadline, so a client's slow server costs at most this much of anyone's time.
         */
        @WithDefault("PT2S")
        Duration fetchTimeout();

        /**
         * After a failed fetch (error, timeout, oversized or unreadable set) the URI is not fetched again for this
         * long; its last good set, if any, stays in use meanwhile.
         */
        @WithDefault("PT30S")
        Duration failureBackoff();

        /**
         * Fetches in flight at once across all clients (each URI has at most one, shared by every request waiting
         * for it); beyond this a request that needs a fetch is refused at once rather than queued.
         */
        @WithDefault("16")
        int maxConcurrentFetches();

        /** Bytes read at most from a JWK Set response. */
        @WithDefault("65536")
        int maxResponseBytes();

        /** JWK Sets cached at most (one per URI); the least recently used one is dropped first. */
        @WithDefault("1000")
        int maxCachedSets();
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
