package org.gatehouse.common.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bucket's answer to a request: whether it was admitted, and the {@code RateLimit-*} header values of the IETF
 * HTTPAPI draft "RateLimit header fields for HTTP" (limit, remaining, reset in seconds).
 *
 * @param retryAfterSeconds when refused, the seconds until one request is admitted again (RFC 6585 §4, RFC 9110 §10.2.3)
 */
public record RateLimit(boolean admitted, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** The response headers: {@code RateLimit-*} always, {@code Retry-After} when refused. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!admitted) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        headers.put("RateLimit-Limit", Long.toString(limit));
        headers.put("RateLimit-Remaining", Long.toString(remaining));
        headers.put("RateLimit-Reset", Long.toString(admitted ? resetSeconds : retryAfterSeconds));
        return headers;
    }

    /** Of two limits that both apply to a request, the one closer to refusing it (its headers are the ones shown). */
    public RateLimit tighter(RateLimit other) {
        if (other == null) {
            return this;
        }
        if (admitted != other.admitted) {
            return admitted ? other : this;
        }
        return other.remaining < remaining ? other : this;
    }

    /** Nanoseconds to whole seconds, rounded up so a client that waits that long is let in. */
    static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
