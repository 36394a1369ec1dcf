package org.gatehouse.token.remote;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.Map;

/**
 * A sibling service gave no usable answer: 503 {@code temporarily_unavailable} with {@code Retry-After}, never the
 * client's fault. Every such failure counts towards the gateway's circuit breaker; only the
 * {@link SiblingUnreachableException} kind is worth retrying.
 */
public class SiblingUnavailableException extends OAuthException {

    /** Seconds a client should wait; about the circuit breaker's open time. */
    static final String RETRY_AFTER_SECONDS = "5";

    SiblingUnavailableException(String clientSafeDescription) {
        super(OAuthError.TEMPORARILY_UNAVAILABLE, 503, clientSafeDescription, Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
