package org.gatehouse.authorization.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Settings of authorization-service (prefix {@code authorization}). */
@ConfigMapping(prefix = "authorization")
public interface AuthorizationConfig {

    Session session();

    Code code();

    Cleanup cleanup();

    Profiles profiles();

    TokenRevocation tokenRevocation();

    /**
     * {@code client_id}s an operator vouches for (first-party apps): their malformed requests are answered at their
     * redirect URI even for a user who has not approved them. Others get an error page (RFC 9700 §4.11.2).
     */
    Optional<Set<String>> trustedClients();

    /**
     * Every authorization request must carry PKCE (RFC 9700 §2.1.1), confidential clients' too. Off by default: the
     * {@code /api/authorize.php} + {@code /api/token.php} integration sends no {@code code_challenge}. Public clients
     * and clients registered with {@code require_pkce} need it either way.
     */
    @WithDefault("false")
    boolean requirePkce();

    /** Server-side login sessions (table {@code login_session}). */
    interface Session {
        /** A session unused for this long ends. */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** A session ends this long after login however active it is. */
        @WithDefault("PT12H")
        Duration absoluteTimeout();
    }

    /** RFC 6749 §4.1.2 authorization codes. */
    interface Code {
        /** RFC 6749 §4.1.2 recommends at most 10 minutes; the platform contract says 60 s. */
        @WithDefault("PT60S")
        Duration lifetime();

        /**
         * How long a code row outlives its expiry, so a replay is still recognised and reported with its
         * {@code code_id} (token-service then revokes what the code produced).
         */
        @WithDefault("PT1H")
        Duration replayDetectionWindow();
    }

    /** Scheduled deletion of expired codes and sessions. */
    interface Cleanup {
        /** Scheduler interval; read by the expression in {@code ExpiredStateCleanup}. */
        @WithDefault("60s")
        String every();

        /** Rows deleted per statement, so one run never holds long locks. */
        @WithDefault("500")
        int batchSize();

        /** Statements per table per run; what is left waits for the next run. */
        @WithDefault("20")
        int maxBatches();
    }

    /** Users' exposure profiles (flow 5). */
    interface Profiles {
        /** Bounds what one account can store; far above what a person manages by hand. */
        @WithDefault("100")
        int maxPerUser();
    }

    /**
     * Revocations of an app's tokens at token-service, kept in the {@code pending_token_revocation} outbox until
     * token-service confirms: tried at once, then retried with back-off (doubling from {@code initialBackoff} up to
     * {@code maxBackoff}).
     */
    interface TokenRevocation {
        /** How often due revocations are looked for; read by the expression in {@code TokenRevocationOutbox}. */
        @WithDefault("1s")
        String every();

        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT15S")
        Duration maxBackoff();

        /** How long an attempt in flight keeps its row from other replicas; longer than the call's timeouts. */
        @WithDefault("PT30S")
        Duration lease();

        /** Revocations sent per run. */
        @WithDefault("50")
        int batchSize();
    }
}
