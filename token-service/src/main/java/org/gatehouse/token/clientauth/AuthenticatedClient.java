package org.gatehouse.token.clientauth;

import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.remote.RegisteredClient;

import java.util.List;
import java.util.Set;

/**
 * A client whose credentials were verified for this request, with what it is registered for.
 *
 * @param scopes                   registered scopes in registration order (the default scope of a request that
 *                                 names none)
 * @param idTokenSignedResponseAlg the JWS algorithm the client registered for its ID tokens, or null (the default)
 */
public record AuthenticatedClient(String clientId,
                                  ClientAuthenticationMethod method,
                                  List<String> scopes,
                                  Set<String> grantTypes,
                                  List<String> redirectUris,
                                  String idTokenSignedResponseAlg) {

    public AuthenticatedClient {
        scopes = scopes.stream().distinct().toList();
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
    }

    public AuthenticatedClient(String clientId, ClientAuthenticationMethod method, List<String> scopes,
                               Set<String> grantTypes, List<String> redirectUris) {
        this(clientId, method, scopes, grantTypes, redirectUris, null);
    }

    /** The registered client, authenticated by {@code method}. */
    static AuthenticatedClient of(RegisteredClient client, ClientAuthenticationMethod method) {
        return new AuthenticatedClient(client.clientId(), method, client.scopes(), Set.copyOf(client.grantTypes()),
                client.redirectUris(), client.idTokenSignedResponseAlg());
    }

    /** A public client only said who it is (method {@code none}); nothing was proven. */
    public boolean isPublic() {
        return method == ClientAuthenticationMethod.NONE;
    }

    /** Resource servers hold this registered permission: they may introspect any token (RFC 7662 §2.1). */
    public boolean mayIntrospectAnyToken() {
        return !isPublic() && scopes.contains(Permissions.INTROSPECTION);
    }
}
