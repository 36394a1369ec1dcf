package org.gatehouse.registration.config;

/** The rate-limited routes of this service ({@code gatehouse.rate-limit.routes.<name>} in application.properties). */
public final class RateLimitRoutes {

    /** Every way to create an account or a client, counted together per client IP. */
    public static final String REGISTRATION_PER_IP = "registration-ip";

    private RateLimitRoutes() {
    }
}
