package org.gatehouse.token.grant;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.clientauth.AuthenticatedClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes a token request to the {@link GrantHandler} of its {@code grant_type} (RFC 6749 §5.2,
 * https://www.rfc-editor.org/rfc/rfc6749#section-5.2): missing → {@code invalid_request}, not implemented →
 * {@code unsupported_grant_type}, not registered for the client → {@code unauthorized_client}.
 */
@ApplicationScoped
public class GrantDispatcher {

    private final Map<String, GrantHandler> handlers = new TreeMap<>();
    private final AuditLog audit;
    private final TokenIssuanceMetrics issuance;

    @Inject
    public GrantDispatcher(@All List<GrantHandler> handlers, AuditLog audit, TokenIssuanceMetrics issuance) {
        this.audit = audit;
        this.issuance = issuance;
        for (GrantHandler handler : handlers) {
            if (this.handlers.put(handler.grantType(), handler) != null) {
                throw new IllegalStateException("Two handlers for grant type " + handler.grantType());
            }
        }
    }

    public TokenResponse dispatch(TokenRequest request, AuthenticatedClient client) {
        String grantType = request.grantType()
                .orElseThrow(() -> OAuthException.invalidRequest("grant_type is required"));
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "The grant type is not supported");
        }
        if (!client.grantTypes().contains(grantType)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "The client is not registered for the " + grantType + " grant");
        }
        try {
            TokenResponse response = handler.handle(request, client);
            issuance.issued(grantType);
            audit.record("token.issued", "success", Map.of("grant_type", grantType, "client_id", client.clientId()));
            return response;
        } catch (OAuthException refused) {
            // The error code says why (invalid_grant, invalid_scope...); the request's values are never logged.
            audit.record("token.issued", "failure", Map.of("grant_type", grantType, "client_id", client.clientId(),
                    "error", refused.error().code()));
            throw refused;
        }
    }

    /** Grant types that work, for discovery; sorted so the document is stable. */
    public List<String> supportedGrantTypes() {
        return List.copyOf(handlers.keySet());
    }
}
