package org.gatehouse.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Platform-wide settings every service reads (prefix {@code gatehouse}). */
@ConfigMapping(prefix = "gatehouse")
public interface GatehouseConfig {

    /** The one public origin apps see; also the token issuer. No trailing slash. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    ServiceAuth serviceAuth();

    /** Keys for service-to-service JWTs (ARCHITECTURE.md "One public origin"). */
    interface ServiceAuth {
        /** This service's own private key (PKCS#8, base64 DER or PEM); absent means it cannot call siblings. */
        Optional<String> privateKey();

        /** Siblings this service trusts: {@code name:base64-DER-public-key} entries. */
        Optional<List<String>> trustedKeys();

        /** Lifetime of the tokens this service signs; the contract caps it at 60 s. */
        @WithDefault("60")
        int tokenLifetimeSeconds();
    }
}
