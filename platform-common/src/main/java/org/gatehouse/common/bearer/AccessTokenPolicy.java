package org.gatehouse.resource.bearer;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.resource.revocation.RevokedTokenRegistry;

/**
 * Refuses a verified access token that has been revoked (its {@code jti} is on the polled denylist). The
 * {@code typ: at+jwt} check happens earlier, in platform-common's AccessTokenTypeValidator.
 */
@ApplicationScoped
public class AccessTokenPolicy implements SecurityIdentityAugmentor {

    private final RevokedTokenRegistry revoked;

    public AccessTokenPolicy(RevokedTokenRegistry revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && revoked.isRevoked(token.getTokenID())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
