package org.gatehouse.token.remote;

/**
 * The sibling could not be reached or did not answer in time (connection refused or reset, connect or read
 * timeout): the request may never have arrived, so an idempotent call may be retried. An answer it did give, such
 * as a 4xx or a 500, is not this.
 */
public final class SiblingUnreachableException extends SiblingUnavailableException {

    SiblingUnreachableException(String clientSafeDescription) {
        super(clientSafeDescription);
    }
}
