package org.gatehouse.token.endpoint;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.ratelimit.ClientIp;
import org.gatehouse.common.ratelimit.RateLimiter;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.clientauth.ClientAuthenticator;
import org.gatehouse.token.clientauth.ClientEndpoint;
import org.gatehouse.token.grant.GrantDispatcher;
import org.gatehouse.token.grant.TokenRequest;
import org.gatehouse.token.grant.TokenResponse;

/**
 * The token endpoint (RFC 6749 §3.2, https://www.rfc-editor.org/rfc/rfc6749#section-3.2) at
 * {@code /oauth/token}, and at {@code /api/token} / {@code /api/token.php} for clients of APIs shaped like
 * that, where a request with a {@code code} but no {@code grant_type} means the authorization_code grant.
 * Parses, authenticates the client, dispatches to the grant; the rules live in those classes.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
public class TokenEndpoint {

    /** Requests per client ({@code gatehouse.rate-limit.routes.token-endpoint}). */
    static final String RATE_LIMIT_PER_CLIENT = "token-endpoint";

    private final TokenRequestParser parser;
    private final ClientAuthenticator clientAuthenticator;
    private final GrantDispatcher grants;
    private final RateLimiter limiter;

    public TokenEndpoint(TokenRequestParser parser, ClientAuthenticator clientAuthenticator, GrantDispatcher grants,
                         RateLimiter limiter) {
        this.parser = parser;
        this.clientAuthenticator = clientAuthenticator;
        this.grants = grants;
        this.limiter = limiter;
    }

    @POST
    @Path("oauth/token")
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                          @Context HttpServerRequest http, String body) {
        return respond(authorization, parser.parse(contentType, body), false, http);
    }

    @POST
    @Path("api/token")
    public Response apiToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                             @Context HttpServerRequest http, String body) {
        return respond(authorization, parser.parse(contentType, body).withGrantTypeInferredFromCode(), true, http);
    }

    @POST
    @Path("api/token.php")
    public Response apiTokenPhp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                @Context HttpServerRequest http, String body) {
        return apiToken(authorization, contentType, http, body);
    }

    private Response respond(String authorization, TokenRequest request, boolean apiShape, HttpServerRequest http) {
        AuthenticatedClient client = clientAuthenticator.authenticate(authorization, request.parameters(),
                ClientEndpoint.TOKEN);
        // Counted once the client is authenticated, so nobody can spend another client's budget. A public client
        // proves nothing, so anyone could name it: its budget is per client and IP instead.
        limiter.enforce(RATE_LIMIT_PER_CLIENT,
                client.isPublic() ? client.clientId() + " " + ClientIp.of(http) : client.clientId());
        TokenRequest effective = apiShape ? request.withRedirectUriDefaultedTo(client.redirectUris()) : request;
        TokenResponse response = grants.dispatch(effective, client);
        // RFC 6749 §5.1: token responses must not be cached.
        return Response.ok(response)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
