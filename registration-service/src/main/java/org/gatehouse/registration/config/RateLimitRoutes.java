package org.gatehouse.registration.config;

/** The rate-limited routes of this service ({@code gatehouse.rate-limit.routes.<name>} in application.properties). */
public final class RateLimitRoutes {

    /** Account sign-up ({@code POST /register}, {@code POST /signup}), per client IP. */
    public static final String SIGNUP_PER_IP = "signup-ip";

    /**
     * Client registration ({@code POST /api/v1/apps}, {@code POST /oauth/register}), per client IP: a budget of its
     * own, so a CI job registering apps from an office's address does not use up that address's sign-ups.
     */
    public static final String CLIENT_REGISTRATION_PER_IP = "client-registration-ip";

    private RateLimitRoutes() {
    }
}
