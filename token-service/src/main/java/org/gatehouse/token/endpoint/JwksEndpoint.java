package org.gatehouse.token.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.token.issue.SigningKeys;

/**
 * The JWK Set of the access-token signing keys (RFC 7517 §5, https://www.rfc-editor.org/rfc/rfc7517#section-5),
 * served from memory. Cacheable for five minutes: a rotation publishes the next key at least that long before
 * it signs.
 */
@Path("/oauth/jwks")
public class JwksEndpoint {

    static final String CACHE_CONTROL = "public, max-age=300";

    private final SigningKeys signingKeys;

    public JwksEndpoint(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @GET
    public Response jwks() {
        return Response.ok(signingKeys.jwks(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }
}
