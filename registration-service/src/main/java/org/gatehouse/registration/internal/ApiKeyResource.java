package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.registration.apikey.ApiKeyDirectory;
import org.gatehouse.registration.apikey.ApiKeyDirectory.ApiKeyCredentials;

import java.util.List;

/**
 * {@code GET /internal/api-keys/{key_id}}: what a resource server needs to check an {@code X-API-Key}
 * ({@code <prefix>_tp_<key id>.<secret>}): the app it belongs to, its requested permissions and the SHA-256 of every
 * secret valid now (several during a rotation overlap). The caller compares in constant time. Service JWT only.
 */
@InternalApi(callers = {ServiceNames.RESOURCE})
@Path("/internal/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyDirectory directory;

    public ApiKeyResource(ApiKeyDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/{key_id}")
    public Response lookup(@PathParam("key_id") String keyId) {
        ApiKeyLookupResponse key = directory.find(keyId).map(ApiKeyLookupResponse::of)
                .orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND, "No API key has this key id"));
        return Response.ok(key).header("Cache-Control", "no-store").build();
    }

    /** The internal API key record of the cross-service contract (field names and shape are fixed). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"key_id", "client_id", "requested_permissions", "key_hashes"})
    public record ApiKeyLookupResponse(
            @JsonProperty("key_id") String keyId,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("requested_permissions") List<String> requestedPermissions,
            @JsonProperty("key_hashes") List<String> keyHashes) {

        static ApiKeyLookupResponse of(ApiKeyCredentials credentials) {
            return new ApiKeyLookupResponse(credentials.keyId(), credentials.clientId(),
                    credentials.requestedPermissions(), credentials.keyHashes());
        }
    }
}
