package org.gatehouse.token.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.token.repository.RefreshTokenRepository;
import org.gatehouse.token.repository.RevokedAccessTokenRepository;
import org.gatehouse.token.repository.TokenFamilyRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Revokes refresh-token families: every refresh token of the family stops working and every access token issued in
 * it that has not expired yet is denylisted (RFC 7009 §2.1, https://www.rfc-editor.org/rfc/rfc7009#section-2.1:
 * "SHOULD also invalidate all access tokens based on the same authorization grant"). Used on refresh-token reuse
 * (OAuth 2.1 §4.3.1), code replay (RFC 6749 §4.1.2), revocation requests and revoked consents.
 *
 * <p>Families are locked (in id order) before their tokens are touched, the same order a rotation takes, so a
 * rotation racing a revocation either finishes first and has its new tokens revoked too, or sees the family revoked.
 */
@ApplicationScoped
public class FamilyRevoker {

    /** Audit reasons of {@link #revokeFamily}. */
    public static final String REVOCATION_REQUEST = "revocation_request";
    public static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";
    public static final String CONSENT_REVOKED = "consent_revoked";

    private static final Logger LOG = Logger.getLogger(FamilyRevoker.class);

    private final TokenFamilyRepository families;
    private final RefreshTokenRepository refreshTokens;
    private final RevokedAccessTokenRepository revokedAccessTokens;
    private final AuditLog audit;

    public FamilyRevoker(TokenFamilyRepository families, RefreshTokenRepository refreshTokens,
                         RevokedAccessTokenRepository revokedAccessTokens, AuditLog audit) {
        this.families = families;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.audit = audit;
    }

    /** @param reason for the audit log: {@link #REVOCATION_REQUEST}, {@link #REFRESH_TOKEN_REUSE}, {@link #CONSENT_REVOKED} */
    @Transactional
    public void revokeFamily(UUID familyId, String reason) {
        families.lock(familyId).ifPresent(family -> revoke(List.of(family.id), reason, Map.of()));
    }

    /** Everything issued from one authorization code; the number of families. */
    @Transactional
    public int revokeFamiliesOfCode(String codeId) {
        return revoke(families.lockByCode(codeId), "code_replay", Map.of());
    }

    /** Everything a user authorized a client to have; the number of families. */
    @Transactional
    public int revokeFamiliesOf(String userId, String clientId) {
        return revoke(families.lockUnrevokedOf(userId, clientId), CONSENT_REVOKED,
                Map.of("user_id", userId, "client_id", clientId));
    }

    private int revoke(List<UUID> lockedFamilyIds, String reason, Map<String, String> auditFields) {
        if (lockedFamilyIds.isEmpty()) {
            return 0;
        }
        Map<String, String> fields = new HashMap<>(auditFields);
        fields.put("reason", reason);
        fields.put("families", Integer.toString(lockedFamilyIds.size()));
        if (lockedFamilyIds.size() == 1) {
            fields.put("family_id", lockedFamilyIds.get(0).toString());
        }
        audit.record("refresh_family.revoked", "success", fields);
        Instant now = Instant.now();
        families.markRevoked(lockedFamilyIds, now);
        refreshTokens.revokeInFamilies(lockedFamilyIds, now);
        // Also for families revoked before: denylisting is idempotent and costs one statement.
        int denylisted = revokedAccessTokens.denylistFamilies(lockedFamilyIds, now);
        LOG.infof("Revoked %d token famil%s, %d access token(s) newly denylisted", lockedFamilyIds.size(),
                lockedFamilyIds.size() == 1 ? "y" : "ies", denylisted);
        return lockedFamilyIds.size();
    }
}
