package org.gatehouse.token.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.clientauth.ClientAuthenticator;
import org.gatehouse.token.clientauth.ClientEndpoint;
import org.gatehouse.token.grant.TokenRequest;
import org.gatehouse.token.revocation.TokenRevocation;

/**
 * The revocation endpoint (RFC 7009 §2, https://www.rfc-editor.org/rfc/rfc7009#section-2) at {@code /oauth/revoke}:
 * client authentication as at the token endpoint (public clients by {@code client_id}), then 200 with an empty body
 * whether or not there was anything to revoke (§2.2).
 */
@Path("/oauth/revoke")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
public class RevocationEndpoint {

    static final String TOKEN = "token";

    private final TokenRequestParser parser;
    private final ClientAuthenticator clientAuthenticator;
    private final TokenRevocation revocation;

    public RevocationEndpoint(TokenRequestParser parser, ClientAuthenticator clientAuthenticator,
                              TokenRevocation revocation) {
        this.parser = parser;
        this.clientAuthenticator = clientAuthenticator;
        this.revocation = revocation;
    }

    @POST
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType, String body) {
        TokenRequest request = parser.parse(contentType, body);
        AuthenticatedClient client = clientAuthenticator.authenticate(authorization, request.parameters(),
                ClientEndpoint.REVOCATION);
        // token (REQUIRED); token_type_hint (OPTIONAL) is not needed, see TokenRevocation
        revocation.revoke(request.parameter(TOKEN).orElse(null), client);
        return Response.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
