package org.gatehouse.common.ratelimit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the {@code RateLimit-*} headers of the limits a request was counted against on its answer. A 429 refused by
 * something else (a sibling's password-check limit, an account's failure count) after these limits admitted the
 * request keeps only its own headers: "remaining: 7" beside "Retry-After: 1" would tell a client two things.
 */
public class RateLimitHeadersFilter {

    private final RateLimitOutcome outcome;

    public RateLimitHeadersFilter(RateLimitOutcome outcome) {
        this.outcome = outcome;
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerResponseContext response) {
        RateLimit limit = outcome.tightest();
        if (limit == null || limit.admitted() && response.getStatus() == 429) {
            return;
        }
        limit.headers().forEach((name, value) -> {
            if (!response.getHeaders().containsKey(name)) {
                response.getHeaders().putSingle(name, value);
            }
        });
    }
}
