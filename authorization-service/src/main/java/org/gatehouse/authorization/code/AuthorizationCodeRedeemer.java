package org.gatehouse.authorization.code;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.repository.AuthorizationCode;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Redeems a code for token-service, exactly once: the code is marked redeemed by a single conditional UPDATE, so of
 * concurrent redemptions one wins. A second redemption is reported with the code's id so token-service can revoke
 * the tokens issued from it (RFC 6749 §4.1.2: "SHOULD revoke (when possible) all tokens previously issued based on
 * that authorization code").
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.2.4.4">RFC 6819 §5.2.4.4</a>
 */
@ApplicationScoped
public class AuthorizationCodeRedeemer {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeRedeemer.class);
    /** Our codes are 43 characters; anything far longer is not one and is not worth hashing. */
    private static final int MAX_CODE_LENGTH = 256;

    private final AuthorizationCodeRepository codes;

    public AuthorizationCodeRedeemer(AuthorizationCodeRepository codes) {
        this.codes = codes;
    }

    @Transactional
    public Redemption redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return new Invalid();
        }
        String hash = OpaqueTokens.sha256(code);
        var redeemed = codes.redeem(hash, Instant.now());
        if (redeemed.isPresent()) {
            return new Redeemed(RedeemedCode.of(redeemed.get()));
        }
        return codes.findByHash(hash)
                .filter(row -> row.redeemedAt != null)
                .<Redemption>map(row -> {
                    LOG.warnf("Authorization code %s of client %s was presented again", row.id, row.clientId);
                    return new Replayed(row.id.toString());
                })
                .orElseGet(Invalid::new);
    }

    public sealed interface Redemption permits Redeemed, Replayed, Invalid {
    }

    public record Redeemed(RedeemedCode code) implements Redemption {
    }

    /** The code was redeemed before: whatever was issued from it must be revoked. */
    public record Replayed(String codeId) implements Redemption {
    }

    /** Unknown or expired. */
    public record Invalid() implements Redemption {
    }

    /** What a redeemed code was bound to, for token-service to check and to mint tokens from. */
    public record RedeemedCode(String codeId, String clientId, String userId, String redirectUri,
                               boolean redirectUriInRequest, String scope, String nonce, String codeChallenge,
                               String codeChallengeMethod, long authTime) {

        static RedeemedCode of(AuthorizationCode row) {
            return new RedeemedCode(row.id.toString(), row.clientId, row.userId, row.redirectUri,
                    row.redirectUriInRequest, row.scope, row.nonce, row.codeChallenge, row.codeChallengeMethod,
                    row.authTime.getEpochSecond());
        }
    }
}
