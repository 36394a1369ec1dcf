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
import org.gatehouse.token.introspection.TokenIntrospection;

/**
 * The introspection endpoint (RFC 7662 §2, https://www.rfc-editor.org/rfc/rfc7662#section-2) at
 * {@code /oauth/introspect}: the calling client authenticates like at the token endpoint; the answer is never
 * cached (§4).
 */
@Path("/oauth/introspect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
public class IntrospectionEndpoint {

    static final String TOKEN = "token";

    private final TokenRequestParser parser;
    private final ClientAuthenticator clientAuthenticator;
    private final TokenIntrospection introspection;

    public IntrospectionEndpoint(TokenRequestParser parser, ClientAuthenticator clientAuthenticator,
                                 TokenIntrospection introspection) {
        this.parser = parser;
        this.clientAuthenticator = clientAuthenticator;
        this.introspection = introspection;
    }

    @POST
    public Response introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType, String body) {
        TokenRequest request = parser.parse(contentType, body);
        AuthenticatedClient client = clientAuthenticator.authenticate(authorization, request.parameters(),
                ClientEndpoint.INTROSPECTION);
        // token (REQUIRED); token_type_hint (OPTIONAL) is not needed: the token's shape tells its type
        return Response.ok(introspection.introspect(request.parameter(TOKEN).orElse(null), client))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
