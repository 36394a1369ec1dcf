package org.gatehouse.token.remote;

/** The outcome of redeeming an authorization code at authorization-service. */
public sealed interface CodeRedemption {

    /** The code was valid and is now used up; what it was bound to. */
    record Redeemed(RedeemedCode code) implements CodeRedemption {
    }

    /** The code had been redeemed before: what was issued from it ({@code codeId}) must be revoked. */
    record Replayed(String codeId) implements CodeRedemption {
    }

    /** Unknown or expired. */
    record Invalid() implements CodeRedemption {
    }
}
