package org.gatehouse.registration.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.ratelimit.PerIpRateLimit;
import org.gatehouse.registration.client.DynamicClientInformation;
import org.gatehouse.registration.client.DynamicClientRegistrar;
import org.gatehouse.registration.client.InitialAccessTokenVerifier;
import org.gatehouse.registration.config.RateLimitRoutes;

import java.net.URI;

/**
 * The client registration endpoint, {@code POST /oauth/register} (RFC 7591 §3): JSON only (other content types
 * get 415), open unless an initial access token is configured. Answers 201 with the client information response,
 * which holds the only copies of the client secret and the registration access token ever shown.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>
 */
@Path("/oauth/register")
@Produces(MediaType.APPLICATION_JSON)
public class ClientRegistrationEndpoint {

    private final InitialAccessTokenVerifier initialAccessTokens;
    private final DynamicClientRegistrar registrar;

    public ClientRegistrationEndpoint(InitialAccessTokenVerifier initialAccessTokens,
                                      DynamicClientRegistrar registrar) {
        this.initialAccessTokens = initialAccessTokens;
        this.registrar = registrar;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PerIpRateLimit(RateLimitRoutes.CLIENT_REGISTRATION_PER_IP)
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             ClientRegistrationRequest request) {
        initialAccessTokens.verify(BearerToken.from(authorization));
        ClientRegistrationRequest body = request == null ? ClientRegistrationRequest.EMPTY : request;
        DynamicClientInformation information = registrar.register(body.toMetadata());
        return Response.created(URI.create(information.registrationClientUri()))
                .entity(ClientInformationResponse.of(information))
                // RFC 7591 §3.2.1: the response carries credentials.
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
