package org.gatehouse.common.revocation;

/**
 * Where a service reads the denylist from: token-service from its own table, the other services from token-service's
 * feed ({@link TokenServiceRevocations}). Each service has exactly one.
 */
public interface RevokedJtiSource {

    /** Tokens revoked at or after {@code sinceMillis} (epoch ms) and not yet expired, with the source's clock. */
    RevokedJtis since(long sinceMillis);
}
