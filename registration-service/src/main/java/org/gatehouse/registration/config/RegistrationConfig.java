package org.gatehouse.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** registration-service settings (prefix {@code registration}). */
@ConfigMapping(prefix = "registration")
public interface RegistrationConfig {

    Limits limits();

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
    }
}
