package org.gatehouse.authorization.consent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.authorization.thirdparty.ThirdPartyGrants;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.stream.Collectors.toSet;

/**
 * The apps a user authorized, as the account page and {@code /api/v1/authorizations} show them: OAuth consents and
 * third-party grants alike. Revocation ends both for the app and, in the same transaction, records that the app's
 * tokens must be revoked at token-service (RFC 7009 §2.1 spirit: revoking the grant revokes its tokens); that request
 * is sent at once and kept until token-service confirms it ({@link TokenRevocationOutbox}), so a token-service that
 * is down or slow delays the revocation of the tokens but never loses it.
 */
@ApplicationScoped
public class AuthorizedApps {

    private final ConsentService consents;
    private final ThirdPartyGrants thirdParty;
    private final RegistrationGateway registration;
    private final TokenRevocationOutbox tokenRevocations;
    private final AuditLog audit;

    public AuthorizedApps(ConsentService consents, ThirdPartyGrants thirdParty, RegistrationGateway registration,
                          TokenRevocationOutbox tokenRevocations, AuditLog audit) {
        this.consents = consents;
        this.thirdParty = thirdParty;
        this.registration = registration;
        this.tokenRevocations = tokenRevocations;
        this.audit = audit;
    }

    /** Every live authorization of the user, newest first. */
    public List<AuthorizedApp> listFor(String userId) {
        List<AuthorizedApp> apps = new ArrayList<>();
        List<ThirdPartyGrants.ActiveGrant> grants = thirdParty.listFor(userId);
        Set<String> thirdPartyApps = grants.stream().map(ThirdPartyGrants.ActiveGrant::clientId).collect(toSet());
        consents.listFor(userId).stream()
                // A third-party app is no OAuth client: a consent beside its grant is a leftover of /oauth/authorize
                // letting such apps through, grants nothing, and is revoked with the grant.
                .filter(c -> !thirdPartyApps.contains(c.clientId()))
                .forEach(c -> apps.add(new AuthorizedApp(c.clientId(),
                        nameOf(c.clientId(), clientOf(c.clientId())), Kind.OAUTH, List.copyOf(c.scopes()),
                        List.copyOf(c.scopes()), null, null, c.grantedAt())));
        grants.forEach(g -> {
            Optional<RegisteredClient> client = clientOf(g.clientId());
            // What the app can actually do: its requested permissions ∩ the profile's (as resource-service computes).
            List<String> effective = client
                    .map(c -> g.permissions().stream().filter(Permissions.expand(c.scopes())::contains).toList())
                    .orElse(g.permissions());
            apps.add(new AuthorizedApp(g.clientId(), nameOf(g.clientId(), client), Kind.THIRD_PARTY, g.permissions(),
                    effective, g.profileId(), g.profileName(), g.grantedAt()));
        });
        apps.sort(Comparator.comparing(AuthorizedApp::grantedAt).reversed());
        return apps;
    }

    /**
     * Revokes the user's consent and third-party grant for the client and, in the same transaction, enqueues the
     * revocation of its tokens, then sends that at once. Nothing is enqueued when nothing was live.
     */
    public Revocation revoke(String userId, String clientId) {
        Optional<UUID> enqueued = QuarkusTransaction.requiringNew().call(() -> {
            boolean hadConsent = consents.revoke(userId, clientId);
            boolean hadGrant = thirdParty.revoke(userId, clientId);
            return hadConsent || hadGrant ? Optional.of(tokenRevocations.enqueue(userId, clientId))
                    : Optional.<UUID>empty();
        });
        if (enqueued.isEmpty()) {
            audit.record("consent.revoked", "none", Map.of("user_id", userId, "client_id", clientId));
            return new Revocation(false, false);
        }
        boolean tokensRevoked = tokenRevocations.deliverNow(enqueued.get(), userId, clientId);
        audit.record("consent.revoked", "success", Map.of(
                "user_id", userId, "client_id", clientId, "tokens", tokensRevoked ? "revoked" : "revocation pending"));
        return new Revocation(true, tokensRevoked);
    }

    /** The apps whose tokens for the user token-service has not confirmed revoked yet, oldest request first. */
    public List<PendingRevocation> pendingRevocationsOf(String userId) {
        return tokenRevocations.pendingFor(userId).stream()
                .map(p -> new PendingRevocation(p.clientId(), nameOf(p.clientId(), clientOf(p.clientId())),
                        p.requestedAt()))
                .toList();
    }

    /** A deleted client, or registration-service being down, must not hide the row the user wants to revoke. */
    private Optional<RegisteredClient> clientOf(String clientId) {
        try {
            return registration.findClient(clientId);
        } catch (OAuthException e) {
            return Optional.empty();
        }
    }

    private static String nameOf(String clientId, Optional<RegisteredClient> client) {
        return client.map(RegisteredClient::displayName).orElse(clientId);
    }

    public enum Kind { OAUTH, THIRD_PARTY }

    /**
     * One authorized app.
     *
     * @param permissions for {@link Kind#OAUTH} the consented scopes; for {@link Kind#THIRD_PARTY} the profile's
     *                    current permissions
     * @param effective   what the app may do: the scopes, or the app's requested permissions ∩ the profile's (the
     *                    profile's alone when registration-service cannot say what the app requested)
     * @param profileId   the profile of a third-party grant, else null
     */
    public record AuthorizedApp(String clientId, String name, Kind kind, List<String> permissions,
                                List<String> effective, UUID profileId, String profileName, Instant grantedAt) {
    }

    /** An app whose access was revoked while the revocation of its tokens is still unconfirmed. */
    public record PendingRevocation(String clientId, String name, Instant requestedAt) {
    }

    /**
     * @param found         the user had a live consent or grant for the client
     * @param tokensRevoked token-service confirmed; false while the revocation of the tokens is pending (retried)
     */
    public record Revocation(boolean found, boolean tokensRevoked) {
    }
}
