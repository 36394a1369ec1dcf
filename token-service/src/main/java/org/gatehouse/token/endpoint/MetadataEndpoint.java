package org.gatehouse.token.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.token.discovery.AuthorizationServerMetadata;

/**
 * Discovery: RFC 8414 §3 (https://www.rfc-editor.org/rfc/rfc8414#section-3) at
 * {@code /.well-known/oauth-authorization-server} and OpenID Connect Discovery 1.0 §4 at
 * {@code /.well-known/openid-configuration}; one document, prepared at startup.
 */
@Path("/.well-known")
public class MetadataEndpoint {

    static final String CACHE_CONTROL = "public, max-age=300";

    private final AuthorizationServerMetadata metadata;

    public MetadataEndpoint(AuthorizationServerMetadata metadata) {
        this.metadata = metadata;
    }

    @GET
    @Path("oauth-authorization-server")
    public Response authorizationServer() {
        return document();
    }

    @GET
    @Path("openid-configuration")
    public Response openidConfiguration() {
        return document();
    }

    private Response document() {
        return Response.ok(metadata.json(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }
}
