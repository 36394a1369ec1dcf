package org.gatehouse.token.repository;

/**
 * Life cycle of a signing key. A key is published in the JWKS while it is {@link #NEXT}, {@link #ACTIVE} or
 * {@link #RETIRED}: a rotation publishes the next key before it signs and keeps the old one published until
 * every token it signed has expired; only then is the row deleted.
 */
public enum SigningKeyStatus {
    /** Published, not yet signing. */
    NEXT,
    /** Signs new tokens; at most one row has this status (unique partial index). */
    ACTIVE,
    /** No longer signs; still published for tokens it signed earlier. */
    RETIRED
}
