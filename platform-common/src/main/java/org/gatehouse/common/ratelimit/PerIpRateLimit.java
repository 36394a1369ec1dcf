package org.gatehouse.common.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a JAX-RS method per client IP ({@link ClientIp}) with the limit configured for the named route
 * ({@code gatehouse.rate-limit.routes.<value>}), enforced by {@link PerIpRateLimitFilter} before the method runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PerIpRateLimit {

    /** The route whose limit applies, e.g. {@code registration-ip}. */
    String value();
}
