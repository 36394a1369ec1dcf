package org.gatehouse.common.ratelimit;

import jakarta.enterprise.context.RequestScoped;

/** The tightest limit the current request was counted against, for the response's {@code RateLimit-*} headers. */
@RequestScoped
public class RateLimitOutcome {

    private RateLimit tightest;

    void record(RateLimit limit) {
        tightest = limit.tighter(tightest);
    }

    RateLimit tightest() {
        return tightest;
    }
}
