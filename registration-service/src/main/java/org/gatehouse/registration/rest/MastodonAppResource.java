package org.gatehouse.registration.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.PerIpRateLimit;
import org.gatehouse.registration.client.ClientMetadata;
import org.gatehouse.registration.client.ClientRegistrar;
import org.gatehouse.registration.config.RateLimitRoutes;
import org.gatehouse.registration.config.RegistrationConfig;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;
import java.util.function.Supplier;

/**
 * Mastodon-compatible app registration, {@code POST /api/v1/apps}: open (no token; an operator can close it with
 * {@code registration.open-app-registration=false}), JSON, form or multipart
 * body, answered 200 with the app and its one-time secret. Validation failures are 422, as Mastodon clients
 * expect, with the RFC 7591 §3.2.2 error codes.
 *
 * @see <a href="https://docs.joinmastodon.org/methods/apps/#create">Mastodon API: POST /api/v1/apps</a>
 */
@Path("/api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
public class MastodonAppResource {

    static final int UNPROCESSABLE_ENTITY = 422;

    private final ClientRegistrar registrar;
    private final boolean open;

    public MastodonAppResource(ClientRegistrar registrar, RegistrationConfig config) {
        this.registrar = registrar;
        this.open = config.openAppRegistration();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PerIpRateLimit(RateLimitRoutes.CLIENT_REGISTRATION_PER_IP)
    public Response registerJson(MastodonAppRequest request) {
        MastodonAppRequest body = request == null ? MastodonAppRequest.EMPTY : request;
        return register(body::toMetadata);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @PerIpRateLimit(RateLimitRoutes.CLIENT_REGISTRATION_PER_IP)
    public Response registerForm(@RestForm("client_name") String clientName,
                                 @RestForm("redirect_uris") List<String> redirectUris,
                                 @RestForm("redirect_uris[]") List<String> redirectUrisArray,
                                 @RestForm("scopes") String scopes,
                                 @RestForm("website") String website) {
        return register(() -> MastodonAppRequest.fromForm(clientName, redirectUris, redirectUrisArray, scopes, website));
    }

    private Response register(Supplier<ClientMetadata> metadata) {
        if (!open) {
            throw new OAuthException(OAuthError.ACCESS_DENIED,
                    "App registration is closed on this server; ask its operator to register the app");
        }
        try {
            MastodonApplication app = MastodonApplication.of(registrar.register(metadata.get()));
            return Response.ok(app)
                    .header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache")
                    .build();
        } catch (OAuthException e) {
            if (e.status() == 400) {
                throw new OAuthException(e.error(), UNPROCESSABLE_ENTITY, e.description(), e.headers());
            }
            throw e;
        }
    }
}
