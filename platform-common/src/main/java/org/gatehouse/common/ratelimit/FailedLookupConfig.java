package org.gatehouse.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The per-IP budget of failed unauthenticated lookups ({@link FailedLookupBudget}), prefix {@code gatehouse.failed-lookups}. */
@ConfigMapping(prefix = "gatehouse.failed-lookups")
public interface FailedLookupConfig {

    /** Lookups that found nothing one IP may cause in a burst; the budget refills at this many per {@link #period()}. */
    @WithDefault("100")
    long capacity();

    @WithDefault("PT10M")
    Duration period();

    /** Most IPs remembered at once; beyond it the least recently seen are forgotten. */
    @WithDefault("100000")
    long trackedAddresses();
}
