package org.gatehouse.resource.endpoint;

import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.revocation.FreshRevocationCheck;
import org.gatehouse.resource.bearer.FormBodyBearer;
import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.ClientPreferences;
import org.gatehouse.resource.remote.RegistrationGateway;
import org.gatehouse.resource.remote.TokenGateway;
import org.gatehouse.resource.userinfo.UserInfoClaims;

import java.util.Map;

/**
 * OpenID Connect UserInfo (https://openid.net/specs/openid-connect-core-1_0.html#UserInfo), also under
 * {@code /api/userinfo} and {@code /api/userinfo.php} for clients of APIs shaped that way, which get that API's
 * fixed keys besides ({@link UserInfoClaims#apiShaped}). The access token comes in the {@code Authorization} header
 * (RFC 6750 §2.1) or, in a form-encoded POST, as the body parameter {@code access_token} (§2.2), never both (§2).
 * A client that registered {@code userinfo_signed_response_alg} gets {@code /oauth/userinfo} as a JWT signed by
 * token-service (OIDC Core §5.3.2).
 * A revocation holds here from the very next request ({@link FreshRevocationCheck}), not within the denylist's 5 s.
 */
@Path("/")
@Produces({MediaType.APPLICATION_JSON, TokenGateway.APPLICATION_JWT})
public class UserInfoEndpoint {

    private static final String USERINFO_PATHS = "{path: oauth/userinfo|api/userinfo|api/userinfo\\.php}";

    private final JsonWebToken token;
    private final Instance<SecurityIdentity> identity;
    private final FormBodyBearer formBodyBearer;
    private final RegistrationGateway registration;
    private final TokenGateway tokens;
    private final FreshRevocationCheck revocations;

    public UserInfoEndpoint(JsonWebToken token, Instance<SecurityIdentity> identity, FormBodyBearer formBodyBearer,
                            RegistrationGateway registration, TokenGateway tokens, FreshRevocationCheck revocations) {
        this.token = token;
        this.identity = identity;
        this.formBodyBearer = formBodyBearer;
        this.registration = registration;
        this.tokens = tokens;
        this.revocations = revocations;
    }

    @GET
    @Authenticated
    @Path(USERINFO_PATHS)
    public Response get(@PathParam("path") String path) {
        return userInfo(path, token);
    }

    // OIDC Core §5.3.1: the UserInfo endpoint MUST support GET and POST.
    @POST
    @Authenticated
    @Path(USERINFO_PATHS)
    public Response post(@PathParam("path") String path) {
        return userInfo(path, token);
    }

    /** A form-encoded POST: the token in the body (RFC 6750 §2.2) or, as in any other request, in the header. */
    @POST
    @PermitAll
    @Path(USERINFO_PATHS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response postForm(@PathParam("path") String path, @FormParam("access_token") String accessToken,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Context RoutingContext request) {
        if (accessToken == null || accessToken.isEmpty()) {
            // The header's token, verified on first use of the identity (authentication is not proactive).
            if (identity.get().isAnonymous()) {
                throw new UnauthorizedException();
            }
            return userInfo(path, token);
        }
        if (authorization != null) {
            throw OAuthException.invalidRequest("The access token was sent both in the Authorization header and in"
                    + " the body; send it once");
        }
        return userInfo(path, formBodyBearer.verify(accessToken, request));
    }

    private Response userInfo(String path, JsonWebToken accessToken) {
        revocations.requireNotRevoked(accessToken.getTokenID(), accessToken.getIssuedAtTime());
        GrantedPermissions granted = GrantedPermissions.of(accessToken);
        granted.requireAny("openid", "profile", "email", "read:accounts");
        String userId = granted.requireUser();
        boolean apiShaped = path.startsWith("api/");
        Map<String, Object> claims = registration.account(userId)
                .map(account -> apiShaped ? UserInfoClaims.apiShaped(account, granted)
                        : UserInfoClaims.of(account, granted))
                .orElseThrow(() -> OAuthException.invalidToken("The token's user no longer exists"));
        String clientId = accessToken.getClaim("client_id");
        String algorithm = apiShaped || clientId == null ? null
                : registration.client(clientId).map(ClientPreferences::userinfoSignedResponseAlg).orElse(null);
        if (algorithm == null) {
            return Response.ok(claims, MediaType.APPLICATION_JSON_TYPE).build();
        }
        // OIDC Core §5.3.2: a client that registered userinfo_signed_response_alg gets a JWT, iss and aud set.
        return Response.ok(tokens.signUserInfo(clientId, algorithm, claims), TokenGateway.APPLICATION_JWT)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
