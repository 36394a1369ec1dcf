package org.gatehouse.common.bearer;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.revocation.RevokedTokenRegistry;

/**
 * Refuses a verified access token that has been revoked (its {@code jti} is on the polled denylist), or that the
 * denylist is too stale to vouch for, on every request: augmentors run after {@link CachedBearerIdentityProvider},
 * cache hit or not. The {@code typ: at+jwt}
 * check happens earlier, in {@link AccessTokenTypeValidator}. Active in every service that verifies bearer tokens.
 */
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
@ApplicationScoped
public class AccessTokenPolicy implements SecurityIdentityAugmentor {

    private final RevokedTokenRegistry revoked;

    public AccessTokenPolicy(RevokedTokenRegistry revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && revoked.refuses(token.getTokenID(), token.getIssuedAtTime())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
