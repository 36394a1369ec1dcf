package org.gatehouse.token.remote;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.ws.rs.ProcessingException;

/** Tells a transport failure of a rest-client call (retryable when idempotent) from an unreadable answer (not). */
final class TransportFailures {

    private TransportFailures() {
    }

    /**
     * The REST client reports connection failures and timeouts as {@link ProcessingException}; so it does a body it
     * could not deserialise, which a retry would only receive again.
     */
    static boolean isTransport(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return false;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return true;
    }
}
