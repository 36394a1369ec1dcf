package org.gatehouse.authorization.code;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.repository.AuthorizationCode;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Redeems a code for token-service, exactly once, and only for a token request that matches what the code is bound
 * to (RFC 6749 §4.1.3): the client it was issued to, the {@code redirect_uri} of the authorization request, and the
 * PKCE challenge (RFC 7636 §4.6, S256 only; a public client must have used PKCE). The code's row is locked, every
 * check is made, and only then is it marked redeemed, so a request that does not match changes nothing: another
 * client cannot use up a code it has seen, nor can a thief without the verifier. Of concurrent redemptions one wins.
 *
 * <p>A used code presented again by its own client with a matching binding is reported with the code's id, so
 * token-service revokes what was issued from it (RFC 6749 §4.1.2: "SHOULD revoke (when possible) all tokens
 * previously issued based on that authorization code"). Presented by another client, or without the right verifier,
 * it is merely invalid: otherwise anyone who saw a code could have its client's tokens revoked.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.2.4.4">RFC 6819 §5.2.4.4</a>
 */
@ApplicationScoped
public class AuthorizationCodeRedeemer {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeRedeemer.class);
    /** Our codes are 43 characters; anything far longer is not one and is not worth hashing. */
    private static final int MAX_CODE_LENGTH = 256;
    private static final String S256 = "S256";

    private final AuthorizationCodeRepository codes;

    public AuthorizationCodeRedeemer(AuthorizationCodeRepository codes) {
        this.codes = codes;
    }

    @Transactional
    public Redemption redeem(Presented presented) {
        String code = presented.code();
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH || presented.clientId() == null) {
            return new Invalid();
        }
        String hash = OpaqueTokens.sha256(code);
        // Locked until commit: concurrent redemptions of one code queue here and see each other's outcome.
        Optional<AuthorizationCode> found = codes.find("codeHash", hash)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return new Invalid();
        }
        AuthorizationCode row = found.get();
        if (!equal(row.clientId, presented.clientId())) {
            LOG.warnf("Authorization code %s of client %s was presented by client %s", row.id, row.clientId,
                    presented.clientId());
            return new Invalid();
        }
        Optional<String> mismatch = mismatch(row, presented);
        if (row.redeemedAt != null) {
            if (mismatch.isPresent()) {
                return new Invalid();
            }
            LOG.warnf("Authorization code %s of client %s was presented again", row.id, row.clientId);
            return new Replayed(row.id.toString());
        }
        Instant now = Instant.now();
        if (!row.expiresAt.isAfter(now)) {
            return new Invalid();
        }
        if (mismatch.isPresent()) {
            return new Mismatch(mismatch.get());
        }
        return codes.redeem(hash, now).<Redemption>map(redeemed -> new Redeemed(RedeemedCode.of(redeemed)))
                .orElseGet(Invalid::new);
    }

    /** RFC 6749 §4.1.3 redirect_uri and RFC 7636 §4.6; a client-safe reason, or empty when the request matches. */
    private static Optional<String> mismatch(AuthorizationCode row, Presented presented) {
        // redirect_uri: REQUIRED if it was in the authorization request; when sent, it must be identical.
        if (presented.redirectUri() == null ? row.redirectUriInRequest
                : !presented.redirectUri().equals(row.redirectUri)) {
            return Optional.of("redirect_uri must be the one of the authorization request");
        }
        if (row.codeChallenge == null) {
            // A verifier for a code without a challenge is refused too, so PKCE cannot be half-used (OAuth 2.1 §4.1.3).
            if (presented.codeChallenge() != null) {
                return Optional.of("code_verifier was sent but the authorization request had no code_challenge");
            }
            return presented.pkceRequired() ? Optional.of("Public clients must use PKCE") : Optional.empty();
        }
        if (!S256.equals(row.codeChallengeMethod)) {
            return Optional.of("The code_challenge_method of the code is not supported");
        }
        if (presented.codeChallenge() == null) {
            return Optional.of("code_verifier is required");
        }
        return equal(row.codeChallenge, presented.codeChallenge()) ? Optional.empty()
                : Optional.of("code_verifier does not match the code_challenge");
    }

    private static boolean equal(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What token-service presents for a code.
     *
     * @param clientId      the client token-service authenticated
     * @param redirectUri   redirect_uri of the token request, null when absent
     * @param codeChallenge the S256 of the token request's code_verifier (token-service checks its form), or null
     * @param pkceRequired  the client is public
     */
    public record Presented(String code, String clientId, String redirectUri, String codeChallenge,
                            boolean pkceRequired) {
        @Override
        public String toString() {
            return "Presented[code=***, clientId=" + clientId + "]";
        }
    }

    public sealed interface Redemption permits Redeemed, Replayed, Invalid, Mismatch {
    }

    public record Redeemed(RedeemedCode code) implements Redemption {
    }

    /** The code was redeemed before and its client presented it again: whatever was issued from it must be revoked. */
    public record Replayed(String codeId) implements Redemption {
    }

    /** Unknown, expired, another client's, or a used code presented with a binding that does not match. */
    public record Invalid() implements Redemption {
    }

    /** The request does not match the unused code's redirect_uri or PKCE challenge; the code stays unused. */
    public record Mismatch(String description) implements Redemption {
    }

    /**
     * What a redeemed code was bound to, for token-service to check and to mint tokens from.
     *
     * @param userInfoClaims claims named for UserInfo by the request's {@code claims} parameter (OIDC Core §5.5)
     * @param idTokenClaims  claims named for the ID token by it
     */
    public record RedeemedCode(String codeId, String clientId, String userId, String redirectUri,
                               boolean redirectUriInRequest, String scope, String nonce, String codeChallenge,
                               String codeChallengeMethod, long authTime, List<String> userInfoClaims,
                               List<String> idTokenClaims) {

        static RedeemedCode of(AuthorizationCode row) {
            return new RedeemedCode(row.id.toString(), row.clientId, row.userId, row.redirectUri,
                    row.redirectUriInRequest, row.scope, row.nonce, row.codeChallenge, row.codeChallengeMethod,
                    row.authTime.getEpochSecond(), names(row.userInfoClaims), names(row.idTokenClaims));
        }

        private static List<String> names(String spaceSeparated) {
            return spaceSeparated == null || spaceSeparated.isBlank() ? List.of()
                    : List.of(spaceSeparated.trim().split(" +"));
        }
    }
}
