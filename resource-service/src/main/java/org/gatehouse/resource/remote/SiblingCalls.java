package org.gatehouse.resource.remote;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a lookup on a sibling maps onto ours: 404 is "absent", and so is 400 (the sibling refused the value itself, say
 * a NUL it cannot store: the caller's bad value, not an outage); any other failure is a retryable 503.
 */
final class SiblingCalls {

    private SiblingCalls() {
    }

    static <T> Optional<T> optional(Supplier<T> call, String what) {
        try {
            return Optional.of(call.get());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 400) {
                return Optional.empty();
            }
            throw unavailable(what);
        } catch (ProcessingException e) {
            throw unavailable(what);
        }
    }

    private static OAuthException unavailable(String what) {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                what + " is temporarily unavailable", Map.of("Retry-After", "5"));
    }
}
