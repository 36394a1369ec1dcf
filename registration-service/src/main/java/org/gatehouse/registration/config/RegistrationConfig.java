package org.gatehouse.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** registration-service settings (prefix {@code registration}). */
@ConfigMapping(prefix = "registration")
public interface RegistrationConfig {

    Limits limits();

    Password password();

    LoginThrottle loginThrottle();

    /**
     * First part of every API key ({@code <prefix>_tp_<keyid>.<secret>}), so leaked keys are recognisable by secret
     * scanners. Letters and digits only.
     */
    @WithDefault("gh")
    String apiKeyPrefix();

    /**
     * How long a developer app's previous API key keeps working after the key is rotated. Zero: the old key dies at
     * once; a longer overlap lets a deployed app switch keys without downtime.
     */
    @WithDefault("PT0S")
    Duration apiKeyRotationOverlap();

    Dynamic dynamic();

    /**
     * Whether anyone may register a Mastodon app ({@code POST /api/v1/apps}, which Mastodon clients call without a
     * token). Off closes that open registration path: the endpoint answers 403 {@code access_denied}.
     */
    @WithDefault("true")
    boolean openAppRegistration();

    /**
     * How long a client's previous secret keeps working after {@code POST /oauth/register/{client_id}/secret}. Zero:
     * it dies at once. Applies to secrets presented as such ({@code client_secret_basic}, {@code client_secret_post});
     * a {@code client_secret_jwt} client signs with the newest secret only.
     */
    @WithDefault("PT0S")
    Duration secretRotationOverlap();

    /**
     * Base64 of 32 random bytes: the AES-256-GCM key that encrypts the secrets of {@code client_secret_jwt} clients,
     * which token-service needs in clear to check their HMAC assertions. Only such registrations need it; without it
     * they are refused with 503 and an error in the log.
     */
    Optional<String> clientJwtSecretKey();

    /** Dynamic client registration, {@code POST /oauth/register} (RFC 7591). */
    interface Dynamic {
        /**
         * When set, registration requires {@code Authorization: Bearer <this value>} (RFC 7591 §3: an initial access
         * token); when absent, registration is open.
         */
        Optional<String> initialAccessToken();
    }

    /** Bounds on client metadata, so one registration cannot store unbounded data. */
    interface Limits {
        /** Most redirect URIs one client may register. */
        @WithDefault("20")
        int maxRedirectUris();

        /** Longest redirect URI or website accepted, in characters (Mastodon uses 2000). */
        @WithDefault("2000")
        int maxUriLength();

        /** Longest client name accepted, in characters. */
        @WithDefault("100")
        int maxClientNameLength();

        /** Most developer apps one user may own. */
        @WithDefault("50")
        int maxAppsPerUser();
    }

    /** Password hashing (Argon2id) resource bounds. */
    interface Password {
        /**
         * Argon2id hashes computed at once. Each takes 19 MiB and a core for tens of milliseconds; beyond this many,
         * requests wait their turn instead of exhausting memory under a burst of sign-ups or logins.
         */
        @WithDefault("4")
        int maxConcurrentHashes();

        /** How long a sign-up waits for a hashing slot before it is answered 429 (retry shortly). */
        @WithDefault("PT10S")
        Duration hashQueueTimeout();

        /**
         * How long after its arrival a password check (sign-in through a sibling) may wait for a free hashing slot
         * before it is answered 429. At most {@link #checkTimeout()}.
         */
        @WithDefault("PT1S")
        Duration checkQueueTimeout();

        /**
         * How long after its arrival a password check is answered at the latest: one whose hash has not finished by
         * then (a cold JIT, a loaded machine, a queue of checks) is answered 429, counts against nobody, and its hash
         * finishes in the background with its result dropped. Below the callers' read timeouts on this call
         * ({@code quarkus.rest-client.registration.read-timeout}: 3 s in token-service, 5 s in authorization-service),
         * with a second for the network and their own work, so a slow check reaches its sender as "retry shortly",
         * never as the caller's timeout turned 503. Lower it if a caller's timeout is lowered.
         */
        @WithDefault("PT2S")
        Duration checkTimeout();
    }

    /**
     * Brute-force protection of every password check, the login page's and {@code /authenticate}'s alike
     * (ARCHITECTURE.md "Throttling defaults"): attempts per account and per client IP in a window that starts with
     * the first one.
     */
    interface LoginThrottle {
        @WithDefault("PT15M")
        Duration window();

        @WithDefault("10")
        int maxFailuresPerAccount();

        @WithDefault("100")
        int maxFailuresPerIp();

        /**
         * Password checks of one account that may run or wait at once in this replica; one more is refused with 429
         * at once, before any database work or hashing, so a burst against one account holds at most this many of
         * the hashing slots. Two lets a double-submitted form through.
         */
        @WithDefault("2")
        int maxConcurrentChecksPerAccount();
    }
}
