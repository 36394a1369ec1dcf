package org.gatehouse.resource.endpoint;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.RegistrationGateway;
import org.gatehouse.resource.userinfo.UserInfoClaims;

import java.util.Map;

/**
 * OpenID Connect UserInfo (https://openid.net/specs/openid-connect-core-1_0.html#UserInfo), also under
 * {@code /api/userinfo} and {@code /api/userinfo.php} for clients of APIs shaped that way, which get that API's
 * fixed keys besides ({@link UserInfoClaims#apiShaped}).
 */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoEndpoint {

    private final JsonWebToken token;
    private final RegistrationGateway registration;

    public UserInfoEndpoint(JsonWebToken token, RegistrationGateway registration) {
        this.token = token;
        this.registration = registration;
    }

    @GET
    @Path("{path: oauth/userinfo|api/userinfo|api/userinfo\\.php}")
    public Map<String, Object> get(@PathParam("path") String path) {
        return userInfo(path);
    }

    // OIDC Core §5.3.1: the UserInfo endpoint MUST support GET and POST.
    @POST
    @Path("{path: oauth/userinfo|api/userinfo|api/userinfo\\.php}")
    public Map<String, Object> post(@PathParam("path") String path) {
        return userInfo(path);
    }

    private Map<String, Object> userInfo(String path) {
        GrantedPermissions granted = GrantedPermissions.of(token);
        granted.requireAny("openid", "profile", "email", "read:accounts");
        String userId = granted.requireUser();
        boolean apiShaped = path.startsWith("api/");
        return registration.account(userId)
                .map(account -> apiShaped ? UserInfoClaims.apiShaped(account, granted)
                        : UserInfoClaims.of(account, granted))
                .orElseThrow(() -> OAuthException.invalidToken("The token's user no longer exists"));
    }
}
