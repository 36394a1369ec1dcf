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
}
