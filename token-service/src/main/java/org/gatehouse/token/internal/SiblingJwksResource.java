package org.gatehouse.token.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.token.endpoint.JwksEndpoint;

/**
 * {@code GET /internal/jwks}: the JWK Set of {@link JwksEndpoint} for the siblings that verify bearer tokens. They
 * call token-service inside the cluster over plain http, which the public {@code /oauth/jwks} refuses when the issuer
 * is https (the public HTTPS rule judges what arrives through the ingress); this route is judged by the caller's
 * service JWT instead, which platform-common's {@code SiblingJwksAuthorization} adds to Quarkus OIDC's JWKS fetch.
 */
@InternalApi(callers = {ServiceNames.REGISTRATION, ServiceNames.AUTHORIZATION, ServiceNames.RESOURCE})
@Path("/internal/jwks")
public class SiblingJwksResource {

    private final JwksEndpoint jwks;

    public SiblingJwksResource(JwksEndpoint jwks) {
        this.jwks = jwks;
    }

    @GET
    public Response jwks() {
        return jwks.jwks();
    }
}
