package org.gatehouse.token.grant;

import org.gatehouse.token.clientauth.AuthenticatedClient;

/**
 * One authorization grant of the token endpoint (RFC 6749 §4, https://www.rfc-editor.org/rfc/rfc6749#section-4).
 * Implementations are CDI beans; {@link GrantDispatcher} picks one by {@code grant_type} after checking that
 * the client is registered for it, so a handler only applies its own grant's rules.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    TokenResponse handle(TokenRequest request, AuthenticatedClient client);
}
