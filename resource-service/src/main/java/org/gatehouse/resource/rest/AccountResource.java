package org.gatehouse.resource.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.revocation.FreshRevocationCheck;
import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.RegistrationGateway;
import org.gatehouse.resource.userinfo.MastodonAccount;

/**
 * Mastodon's {@code GET /api/v1/accounts/verify_credentials} (requires {@code read:accounts}): what apps call to learn
 * whether their token still works, so a revocation holds here from the very next request, as at UserInfo
 * ({@link FreshRevocationCheck}).
 */
@Path("/api/v1/accounts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final JsonWebToken token;
    private final RegistrationGateway registration;
    private final String publicUrl;
    private final FreshRevocationCheck revocations;

    public AccountResource(JsonWebToken token, RegistrationGateway registration, GatehouseConfig config,
                           FreshRevocationCheck revocations) {
        this.token = token;
        this.registration = registration;
        this.publicUrl = config.publicUrl();
        this.revocations = revocations;
    }

    @GET
    @Path("/verify_credentials")
    public MastodonAccount verifyCredentials() {
        revocations.requireNotRevoked(token.getTokenID(), token.getIssuedAtTime());
        GrantedPermissions granted = GrantedPermissions.of(token);
        granted.requireAny("read:accounts", "profile");
        return registration.account(granted.requireUser())
                .map(account -> MastodonAccount.of(account, publicUrl))
                .orElseThrow(() -> OAuthException.invalidToken("The token's user no longer exists"));
    }
}
