package org.gatehouse.common.revocation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How current this replica's denylist is, and what follows from it: the feed's age as the gauge
 * {@code gatehouse_revocation_feed_age_seconds}, a WARN while it is stale, readiness only after the first successful
 * poll ({@link DenylistReadinessCheck}), and past {@link RevocationConfig#maxStaleness()} the refusal of tokens issued
 * after the last successful poll: the denylist fails closed for what it cannot know about.
 */
@ApplicationScoped
public class DenylistFreshness {

    static final String AGE_GAUGE = "gatehouse.revocation.feed.age";
    private static final Logger LOG = Logger.getLogger(DenylistFreshness.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final long staleAfterNanos;
    private final long maxStalenessNanos;
    private final LongSupplier nanoClock;
    /** Local monotonic time of the last successful poll; before the first one, of this replica's start. */
    private volatile long lastSuccessNanos;
    /** The source's clock (epoch seconds) at the last successful poll; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastSuccessSourceSeconds = Long.MIN_VALUE;
    private volatile boolean polledOnce;
    private volatile long lastWarnNanos;
    private volatile boolean warnedStale;

    @Inject
    public DenylistFreshness(RevocationConfig config, MeterRegistry meters) {
        this(config.staleAfter(), config.maxStaleness(), System::nanoTime);
        Gauge.builder(AGE_GAUGE, this, freshness -> freshness.ageNanos() / 1e9)
                .description("Seconds since this replica last read the revoked-token denylist successfully")
                .baseUnit("seconds")
                .register(meters);
    }

    DenylistFreshness(Duration staleAfter, Duration maxStaleness, LongSupplier nanoClock) {
        this.staleAfterNanos = staleAfter.toNanos();
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.nanoClock = nanoClock;
        this.lastSuccessNanos = nanoClock.getAsLong();
    }

    /** A poll succeeded; {@code sourceNowMillis} is the source's clock as its answer gave it. */
    void polled(long sourceNowMillis) {
        lastSuccessNanos = nanoClock.getAsLong();
        lastSuccessSourceSeconds = Math.floorDiv(sourceNowMillis, 1000);
        polledOnce = true;
        if (warnedStale) {
            warnedStale = false;
            LOG.info("Revoked-token denylist is current again");
        }
    }

    /** A poll failed: WARN once the feed is stale, then at most once a minute while it stays so. */
    void pollFailed(RuntimeException cause, int knownRevocations) {
        long now = nanoClock.getAsLong();
        if (now - lastSuccessNanos <= staleAfterNanos) {
            LOG.debugf("Revocation poll failed, keeping %d known revocations: %s", knownRevocations,
                    cause.getMessage());
            return;
        }
        if (!warnedStale || now - lastWarnNanos >= WARN_EVERY_NANOS) {
            warnedStale = true;
            lastWarnNanos = now;
            LOG.warnf("Revoked-token denylist is stale: no successful poll for %d s (%s); %d known revocations "
                            + "kept%s", ageSeconds(), cause.getMessage(), knownRevocations,
                    now - lastSuccessNanos > maxStalenessNanos
                            ? ", tokens issued after the last successful poll are refused" : "");
        }
    }

    /** Whether a first poll has succeeded since this replica started. */
    public boolean polledOnce() {
        return polledOnce;
    }

    /** Seconds since the last successful poll (since this replica started, before the first). */
    public long ageSeconds() {
        return Duration.ofNanos(ageNanos()).toSeconds();
    }

    private long ageNanos() {
        return nanoClock.getAsLong() - lastSuccessNanos;
    }

    /**
     * Whether a token issued at {@code issuedAtEpochSeconds} must be refused because the denylist is too old to
     * speak for it: only past {@link RevocationConfig#maxStaleness()}, and only for tokens issued after the last
     * successful poll (every token when no poll has succeeded yet).
     */
    public boolean tooStaleFor(long issuedAtEpochSeconds) {
        if (nanoClock.getAsLong() - lastSuccessNanos <= maxStalenessNanos) {
            return false;
        }
        return issuedAtEpochSeconds > lastSuccessSourceSeconds;
    }
}
