package org.gatehouse.token.clientauth;

import java.util.List;
import java.util.Set;

/**
 * A client whose credentials were verified for this request, with what it is registered for.
 *
 * @param scopes registered scopes in registration order (the default scope of a request that names none)
 */
public record AuthenticatedClient(String clientId,
                                  ClientAuthenticationMethod method,
                                  List<String> scopes,
                                  Set<String> grantTypes,
                                  List<String> redirectUris) {

    public AuthenticatedClient {
        scopes = scopes.stream().distinct().toList();
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
    }
}
