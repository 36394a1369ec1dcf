package org.gatehouse.token.remote;

/** The outcome of redeeming an authorization code at authorization-service. */
public sealed interface CodeRedemption {

    /**
     * What a token request presents for the code (RFC 6749 §4.1.3, RFC 7636 §4.5): authorization-service uses the code
     * up only when all of it matches the code's binding, so a request that does not match changes nothing.
     *
     * @param clientId      the authenticated client; a code of another client is unknown to it
     * @param redirectUri   redirect_uri of the token request, null when absent
     * @param codeChallenge the S256 challenge computed from the request's code_verifier, null when none was sent
     * @param pkceRequired  the client is public: a code without a challenge is refused
     */
    record Request(String code, String clientId, String redirectUri, String codeChallenge, boolean pkceRequired) {
        @Override
        public String toString() {
            return "CodeRedemption.Request[code=***, clientId=" + clientId + "]";
        }
    }

    /** The code was valid, matched the request, and is now used up; what it was bound to. */
    record Redeemed(RedeemedCode code) implements CodeRedemption {
    }

    /** The same client presented the code again: what was issued from it ({@code codeId}) must be revoked. */
    record Replayed(String codeId) implements CodeRedemption {
    }

    /** Unknown, expired, another client's, or a used code presented with a binding that does not match. */
    record Invalid() implements CodeRedemption {
    }

    /** The request's redirect_uri or code_verifier does not match the code, which stays unused; a client-safe reason. */
    record Mismatch(String description) implements CodeRedemption {
    }
}
