package org.gatehouse.authorization.code;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.repository.AuthorizationCode;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;

import java.time.Instant;
import java.util.UUID;

/**
 * Issues authorization codes: 256 random bits, stored only as SHA-256, bound to the client, redirect URI, scopes,
 * user, nonce, PKCE challenge and the claims requested by name, valid 60 s and redeemable once.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.5">RFC 6749 §10.5</a>
 */
@ApplicationScoped
public class AuthorizationCodeIssuer {

    private final AuthorizationCodeRepository codes;
    private final AuthorizationConfig config;

    public AuthorizationCodeIssuer(AuthorizationCodeRepository codes, AuthorizationConfig config) {
        this.codes = codes;
        this.config = config;
    }

    /** Returns the code to hand to the client; only its hash is kept. */
    @Transactional
    public String issue(ValidatedAuthorizationRequest request, SignedInUser user) {
        String code = OpaqueTokens.generate();
        Instant now = Instant.now();
        AuthorizationCode row = new AuthorizationCode();
        row.id = UUID.randomUUID();
        row.codeHash = OpaqueTokens.sha256(code);
        row.clientId = request.client().clientId();
        row.userId = user.userId();
        row.redirectUri = request.redirectUri();
        row.redirectUriInRequest = request.redirectUriInRequest();
        row.scope = request.scope();
        row.nonce = request.nonce();
        row.codeChallenge = request.codeChallenge();
        row.codeChallengeMethod = request.codeChallengeMethod();
        row.userInfoClaims = String.join(" ", request.claims().userInfo());
        row.idTokenClaims = String.join(" ", request.claims().idToken());
        row.authTime = user.authTime();
        row.createdAt = now;
        row.expiresAt = now.plus(config.code().lifetime());
        codes.persist(row);
        return code;
    }
}
