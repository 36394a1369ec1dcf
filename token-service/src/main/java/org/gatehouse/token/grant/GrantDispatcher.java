package org.gatehouse.token.grant;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public GrantDispatcher(@All List<GrantHandler> handlers) {
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
        return handler.handle(request, client);
    }

    /** Grant types that work, for discovery; sorted so the document is stable. */
    public List<String> supportedGrantTypes() {
        return List.copyOf(handlers.keySet());
    }
}
