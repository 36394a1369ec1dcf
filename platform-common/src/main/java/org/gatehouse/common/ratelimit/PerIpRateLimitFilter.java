package org.gatehouse.common.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * Enforces {@link PerIpRateLimit}. Runs after matching, on the method's worker thread (the limiter may sync with
 * PostgreSQL), and before the body is processed, so a refused request costs no work.
 */
public class PerIpRateLimitFilter {

    private final RateLimiter limiter;

    public PerIpRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Response limitPerIp(ResourceInfo resource, HttpServerRequest request) {
        Method method = resource.getResourceMethod();
        PerIpRateLimit limit = method == null ? null : method.getAnnotation(PerIpRateLimit.class);
        if (limit == null) {
            return null;
        }
        try {
            limiter.enforce(limit.value(), ClientIp.of(request));
            return null;
        } catch (OAuthException refused) {
            return ErrorResponses.of(refused);
        }
    }
}
