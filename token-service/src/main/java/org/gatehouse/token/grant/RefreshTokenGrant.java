package org.gatehouse.token.grant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.issue.IssuedTokens;
import org.gatehouse.token.issue.RefreshTokenIssuer;
import org.gatehouse.token.issue.RefreshTokenIssuer.LockedRefreshToken;
import org.gatehouse.token.remote.AuthorizationGateway;
import org.gatehouse.token.repository.RefreshToken;
import org.gatehouse.token.revocation.FamilyRevoker;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The refresh token grant (RFC 6749 §6, https://www.rfc-editor.org/rfc/rfc6749#section-6) with rotation and reuse
 * detection (OAuth 2.1 §4.3.1, https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.3.1; RFC 6819
 * §5.2.2.3): the token must belong to the client; each use returns a new refresh token of the same family; presenting
 * a token that was already rotated revokes the whole family, because either the client or an attacker holds a stolen
 * copy. The requested scope may narrow, never widen, the original (§6: {@code invalid_scope}).
 *
 * <p>The token's family and row are locked while it is checked and rotated, so of concurrent uses of one token
 * exactly one rotates it; the others then see a rotated token, i.e. reuse.
 *
 * <p>A family that came from an authorization code exists because the user consented (the code flow issues no code
 * without a consent); first-party {@code /authenticate} families (no code) do not. Before a code family's token
 * rotates, authorization-service, which owns consents, is asked whether the consent still stands, as Keycloak checks
 * the user's consent on every refresh: once the user revoked the client, the refresh is {@code invalid_grant} and the
 * family is revoked, even when the revocation itself has not reached this service yet. When authorization-service
 * cannot answer, the refresh is 503 {@code temporarily_unavailable}: no token is issued that could not be checked.
 * The check runs before the rotation's transaction, so no row lock is held across the call; a revocation arriving
 * between the two still revokes what the rotation issued (it locks the family after the rotation committed).
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);
    private static final String INVALID = "The refresh token is invalid, expired or revoked";

    private final RefreshTokenIssuer refreshTokens;
    private final FamilyRevoker revoker;
    private final AuthorizationGateway authorization;

    public RefreshTokenGrant(RefreshTokenIssuer refreshTokens, FamilyRevoker revoker,
                             AuthorizationGateway authorization) {
        this.refreshTokens = refreshTokens;
        this.revoker = revoker;
        this.authorization = authorization;
    }

    @Override
    public String grantType() {
        return GrantTypes.REFRESH_TOKEN;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        // refresh_token (REQUIRED)
        String presented = request.parameter(TokenRequest.REFRESH_TOKEN)
                .orElseThrow(() -> OAuthException.invalidRequest("refresh_token is required"));
        // scope (OPTIONAL): no more than originally granted
        return TokenResponse.of(refresh(presented, client.clientId(), request.scope()), null);
    }

    /**
     * Rotates {@code presented} for {@code clientId}: the new access and refresh tokens, or an {@link OAuthException}.
     * Also serves first-party {@code /refresh}, where the client is the platform itself.
     */
    public IssuedTokens refresh(String presented, String clientId, Optional<String> scope) {
        Set<String> requested = Permissions.parse(scope.orElse(null));
        if (!requested.stream().allMatch(Permissions::isKnown)) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "The requested scope contains an unknown value");
        }
        requireConsentIfCodeFamily(presented, clientId);
        // The outcome is decided and any rotation committed before an error is thrown: a rollback must not undo
        // anything, and the family revocation below must commit although the client gets an error.
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> rotate(presented, clientId, requested));
        if (outcome instanceof Rotated rotated) {
            return rotated.tokens();
        }
        if (outcome instanceof Reused reused) {
            revoker.revokeFamily(reused.familyId(), FamilyRevoker.REFRESH_TOKEN_REUSE);
            LOG.warnf("Rotated refresh token of family %s (client %s) was used again; family revoked",
                    reused.familyId(), clientId);
            throw new OAuthException(OAuthError.INVALID_GRANT, INVALID);
        }
        Refused refused = (Refused) outcome;
        throw new OAuthException(refused.error(), refused.description());
    }

    /**
     * For a token that would otherwise rotate and whose family came from an authorization code: refuses it, and
     * revokes its family, when the user's consent to the client no longer stands. Tokens that will be refused anyway
     * (unknown, another client's, revoked, rotated, expired) cost no call.
     */
    private void requireConsentIfCodeFamily(String presented, String clientId) {
        Optional<RefreshToken> found = refreshTokens.find(presented);
        if (found.isEmpty()) {
            return;
        }
        RefreshToken token = found.get();
        boolean wouldRotate = token.clientId.equals(clientId) && token.revokedAt == null && token.rotatedAt == null
                && token.expiresAt.isAfter(Instant.now());
        if (token.codeId == null || !wouldRotate) {
            return;
        }
        if (!authorization.consentStands(token.userId, token.clientId)) {
            revoker.revokeFamily(token.familyId, FamilyRevoker.CONSENT_REVOKED);
            LOG.infof("Refresh of family %s refused: user %s no longer consents to client %s; family revoked",
                    token.familyId, token.userId, token.clientId);
            throw new OAuthException(OAuthError.INVALID_GRANT, INVALID);
        }
    }

    private Outcome rotate(String presented, String clientId, Set<String> requested) {
        Optional<LockedRefreshToken> found = refreshTokens.lock(presented);
        if (found.isEmpty()) {
            return new Refused(OAuthError.INVALID_GRANT, INVALID);
        }
        RefreshToken token = found.get().token();
        if (!token.clientId.equals(clientId)) {
            LOG.warnf("Client %s presented a refresh token of client %s", clientId, token.clientId);
            return new Refused(OAuthError.INVALID_GRANT, INVALID);
        }
        if (token.revokedAt != null || found.get().family().revokedAt != null) {
            return new Refused(OAuthError.INVALID_GRANT, INVALID);
        }
        if (token.rotatedAt != null) {
            return new Reused(token.familyId);
        }
        if (!token.expiresAt.isAfter(Instant.now())) {
            return new Refused(OAuthError.INVALID_GRANT, INVALID);
        }
        Set<String> original = Permissions.parse(token.scope);
        if (!Permissions.covers(original, requested)) {
            return new Refused(OAuthError.INVALID_SCOPE, "The requested scope exceeds the scope originally granted");
        }
        return new Rotated(refreshTokens.rotate(found.get(), requested.isEmpty() ? original : requested));
    }

    private sealed interface Outcome permits Rotated, Reused, Refused {
    }

    private record Rotated(IssuedTokens tokens) implements Outcome {
    }

    private record Reused(UUID familyId) implements Outcome {
    }

    private record Refused(OAuthError error, String description) implements Outcome {
    }
}
