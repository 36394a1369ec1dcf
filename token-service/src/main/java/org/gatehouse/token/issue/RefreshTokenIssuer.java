package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.repository.FamilyAccessTokenRepository;
import org.gatehouse.token.repository.RefreshToken;
import org.gatehouse.token.repository.RefreshTokenRepository;
import org.gatehouse.token.repository.TokenFamily;
import org.gatehouse.token.repository.TokenFamilyRepository;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Mints refresh tokens (RFC 6749 §1.5, https://www.rfc-editor.org/rfc/rfc6749#section-1.5) and keeps their
 * families: opaque 256-bit values stored only as SHA-256, rotated on every use (OAuth 2.1 §4.3.1,
 * https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.3.1). Every access token issued in a family
 * is recorded with it, in the same transaction as the refresh token it comes with, so revoking the family can
 * denylist it. The rules of when a token may be used belong to the grants; this class only issues and stores.
 */
@ApplicationScoped
public class RefreshTokenIssuer {

    /** Our tokens are 43 characters; anything much longer is not one and is not worth hashing. */
    static final int MAX_TOKEN_LENGTH = 256;

    private final TokenFamilyRepository families;
    private final RefreshTokenRepository refreshTokens;
    private final FamilyAccessTokenRepository familyAccessTokens;
    private final AccessTokenIssuer accessTokens;
    private final TokenConfig config;

    public RefreshTokenIssuer(TokenFamilyRepository families, RefreshTokenRepository refreshTokens,
                              FamilyAccessTokenRepository familyAccessTokens, AccessTokenIssuer accessTokens,
                              TokenConfig config) {
        this.families = families;
        this.refreshTokens = refreshTokens;
        this.familyAccessTokens = familyAccessTokens;
        this.accessTokens = accessTokens;
        this.config = config;
    }

    /**
     * Starts a family for a grant and issues its access token and, when {@code withRefreshToken}, its first
     * refresh token, all persisted in one transaction. A family without a refresh token still records its
     * access token, so a replayed code or a revoked consent can denylist it.
     */
    @Transactional
    public IssuedTokens startFamily(FamilyGrant grant, boolean withRefreshToken) {
        Instant now = Instant.now();
        TokenFamily family = new TokenFamily();
        family.id = UUID.randomUUID();
        family.clientId = grant.clientId();
        family.userId = grant.userId();
        family.codeId = grant.codeId();
        family.userInfoClaims = String.join(" ", grant.userInfoClaims());
        family.createdAt = now;
        families.persist(family);
        AccessToken accessToken = accessTokenIn(family, grant.userId(), grant.clientId(), grant.scopes());
        String refreshToken = withRefreshToken ? newRefreshToken(family, Permissions.format(grant.scopes()), now)
                : null;
        return new IssuedTokens(accessToken, refreshToken, grant.scopes());
    }

    /**
     * The row of a presented refresh token with its family, both locked until the transaction ends (family first,
     * the order every writer of a family uses): what the caller reads can no longer change under it. Empty when
     * the value is not a token this service issued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LockedRefreshToken> lock(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Optional<RefreshToken> found = refreshTokens.findByHash(OpaqueTokens.sha256(presented));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenFamily> family = families.lock(found.get().familyId);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LockedRefreshToken(refreshTokens.reloadLocked(found.get()), family.get()));
    }

    /** The row of a presented refresh token, without locking; for revocation and introspection. */
    public Optional<RefreshToken> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return refreshTokens.findByHash(OpaqueTokens.sha256(presented));
    }

    /**
     * Rotates a locked current token: it is marked rotated, its successor keeps the family's scope (RFC 6749 §6:
     * "MUST be identical") and an access token for {@code accessScopes} (the same or narrower) is issued with it,
     * carrying the family's {@code userinfo_claims} forward.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedTokens rotate(LockedRefreshToken locked, Set<String> accessScopes) {
        Instant now = Instant.now();
        RefreshToken current = locked.token();
        current.rotatedAt = now;
        AccessToken accessToken = accessTokenIn(locked.family(), current.userId, current.clientId, accessScopes);
        String successor = newRefreshToken(locked.family(), current.scope, now);
        return new IssuedTokens(accessToken, successor, new LinkedHashSet<>(accessScopes));
    }

    private AccessToken accessTokenIn(TokenFamily family, String userId, String clientId, Set<String> scopes) {
        AccessToken accessToken = accessTokens.issue(userId, clientId, scopes,
                Permissions.parse(family.userInfoClaims));
        familyAccessTokens.record(family.id, accessToken.jti(), accessToken.expiresAt());
        return accessToken;
    }

    private String newRefreshToken(TokenFamily family, String scope, Instant now) {
        String value = OpaqueTokens.generate();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.tokenHash = OpaqueTokens.sha256(value);
        row.familyId = family.id;
        row.clientId = family.clientId;
        row.userId = family.userId;
        row.scope = scope;
        row.issuedAt = now;
        row.expiresAt = now.plus(config.refreshTokenLifetime());
        row.codeId = family.codeId;
        refreshTokens.persist(row);
        return value;
    }

    /** A refresh token and its family, both row-locked by the current transaction. */
    public record LockedRefreshToken(RefreshToken token, TokenFamily family) {
    }
}
