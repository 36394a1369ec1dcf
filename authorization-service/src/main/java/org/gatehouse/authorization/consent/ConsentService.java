package org.gatehouse.authorization.consent;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.audit.AuditLog;
import jakarta.transaction.Transactional;
import org.gatehouse.authorization.repository.AuthorizationCodeRepository;
import org.gatehouse.authorization.repository.Consent;
import org.gatehouse.authorization.repository.ConsentRepository;
import org.gatehouse.common.permission.Permissions;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users' consents to clients (RFC 6749 §4.1.1 "obtains an authorization decision"; RFC 6819 §5.2.4.2 on remembering
 * it). A remembered consent that covers a request lets the flow skip the consent page; a new approval widens the
 * existing consent rather than adding another row.
 */
@ApplicationScoped
public class ConsentService {

    private final ConsentRepository consents;
    private final AuthorizationCodeRepository codes;
    private final AuditLog audit;

    public ConsentService(ConsentRepository consents, AuthorizationCodeRepository codes, AuditLog audit) {
        this.audit = audit;
        this.consents = consents;
        this.codes = codes;
    }

    @Transactional
    public boolean covers(String userId, String clientId, Set<String> requested) {
        return consents.findLive(userId, clientId)
                .map(c -> Permissions.covers(Permissions.parse(c.scopes), requested))
                .orElse(false);
    }

    /** Whether the user has a live consent to the client, whatever its scopes. */
    @Transactional
    public boolean hasApproved(String userId, String clientId) {
        return clientId != null && consents.findLive(userId, clientId).isPresent();
    }

    /** Records approval of {@code scopes}, merged into the user's live consent for the client. */
    @Transactional
    public void grant(String userId, String clientId, Set<String> scopes) {
        audit.record("consent.granted", "success",
                Map.of("user_id", userId, "client_id", clientId, "scope", Permissions.format(scopes)));
        Instant now = Instant.now();
        Consent consent = new Consent();
        consent.id = UUID.randomUUID();
        consent.userId = userId;
        consent.clientId = clientId;
        consent.scopes = Permissions.format(scopes);
        consent.grantedAt = now;
        if (consents.insertIfAbsent(consent)) {
            return;
        }
        consents.findLiveForUpdate(userId, clientId).ifPresent(existing -> {
            Set<String> merged = new LinkedHashSet<>(Permissions.parse(existing.scopes));
            merged.addAll(scopes);
            existing.scopes = Permissions.format(merged);
            existing.grantedAt = now;
        });
    }

    /** The user's live consent to the client, if any. */
    @Transactional
    public Optional<GrantedConsent> findLive(String userId, String clientId) {
        return consents.findLive(userId, clientId)
                .map(c -> new GrantedConsent(c.clientId, Permissions.parse(c.scopes), c.grantedAt));
    }

    @Transactional
    public List<GrantedConsent> listFor(String userId) {
        return consents.listLive(userId).stream()
                .map(c -> new GrantedConsent(c.clientId, Permissions.parse(c.scopes), c.grantedAt))
                .toList();
    }

    /**
     * Revokes the user's consent to the client and voids its unredeemed codes, so the client gets nothing new.
     * Tokens already issued are token-service's to revoke. Returns false when there was nothing to revoke.
     */
    @Transactional
    public boolean revoke(String userId, String clientId) {
        codes.deleteUnredeemed(userId, clientId);
        return consents.findLiveForUpdate(userId, clientId).map(consent -> {
            consent.revokedAt = Instant.now();
            return true;
        }).orElse(false);
    }

    public record GrantedConsent(String clientId, Set<String> scopes, Instant grantedAt) {
    }
}
