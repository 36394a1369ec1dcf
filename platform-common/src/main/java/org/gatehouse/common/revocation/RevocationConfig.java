package org.gatehouse.common.revocation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the denylist feed may age (prefix {@code gatehouse.revocation}); it is polled every
 * {@code gatehouse.revocation-poll-interval} (2 s).
 */
@ConfigMapping(prefix = "gatehouse.revocation")
public interface RevocationConfig {

    /**
     * Age of the last successful poll past which the feed is stale: a revocation may then go unenforced beyond the
     * contract's 5 s, so each replica logs a WARN (and again every minute while it stays stale).
     */
    @WithDefault("5s")
    Duration staleAfter();

    /**
     * Age past which tokens issued after the last successful poll are refused (401 {@code invalid_token}): nothing
     * is known about whether they were revoked. Tokens issued before it were covered by that poll and keep working.
     */
    @WithDefault("30s")
    Duration maxStaleness();

    /**
     * How long an endpoint that checks revocations afresh ({@link FreshRevocationCheck}: UserInfo) waits for its read
     * of the denylist before it answers 503 {@code temporarily_unavailable}.
     */
    @WithDefault("3s")
    Duration freshPollTimeout();
}
