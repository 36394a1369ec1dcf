package org.gatehouse.common.ratelimit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Puts the {@code RateLimit-*} headers of the limits a request was counted against on its answer. */
public class RateLimitHeadersFilter {

    private final RateLimitOutcome outcome;

    public RateLimitHeadersFilter(RateLimitOutcome outcome) {
        this.outcome = outcome;
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerResponseContext response) {
        RateLimit limit = outcome.tightest();
        if (limit == null) {
            return;
        }
        limit.headers().forEach((name, value) -> {
            if (!response.getHeaders().containsKey(name)) {
                response.getHeaders().putSingle(name, value);
            }
        });
    }
}
