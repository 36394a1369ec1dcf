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
import org.gatehouse.token.credential.UserCredentialGrant;
import org.gatehouse.token.credential.UserTokenResponse;

/**
 * The user credential API (ARCHITECTURE.md flow 4): {@code POST /authenticate {user_key, user_secret}} and
 * {@code POST /refresh {refresh_token}}, JSON or form bodies, answering first-party tokens. The rules live in
 * {@link UserCredentialGrant}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
public class UserCredentialEndpoint {

    private final TokenRequestParser parser;
    private final UserCredentialGrant grant;

    public UserCredentialEndpoint(TokenRequestParser parser, UserCredentialGrant grant) {
        this.parser = parser;
        this.grant = grant;
    }

    @POST
    @Path("authenticate")
    public Response authenticate(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                 @Context HttpServerRequest http, String body) {
        return noStore(grant.authenticate(parser.parse(contentType, body).parameters(), ClientIp.of(http)));
    }

    @POST
    @Path("refresh")
    public Response refresh(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType, String body) {
        return noStore(grant.refresh(parser.parse(contentType, body).parameters()));
    }

    private static Response noStore(UserTokenResponse tokens) {
        // RFC 6749 §5.1 applies as much to these tokens as to the token endpoint's.
        return Response.ok(tokens)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
