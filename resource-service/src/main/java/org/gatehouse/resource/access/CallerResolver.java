package org.gatehouse.resource.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.resource.bearer.GrantedPermissions;

import java.util.UUID;

/** Resolves the caller of a user-data API from its verified bearer token. */
@ApplicationScoped
public class CallerResolver {

    private final SecurityIdentity identity;

    public CallerResolver(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller resolve() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw OAuthException.invalidToken("A bearer access token is required");
        }
        GrantedPermissions permissions = GrantedPermissions.of(token);
        try {
            return new Caller(UUID.fromString(permissions.requireUser()), permissions);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidToken("The token's subject is not a user of this platform");
        }
    }
}
