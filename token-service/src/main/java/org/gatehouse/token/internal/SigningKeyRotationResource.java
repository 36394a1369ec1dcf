package org.gatehouse.token.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.token.issue.SigningKeyRotation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /internal/signing-keys/rotate} → 200 with the key states once the NEXT key signs, or 409 with
 * {@code Retry-After} while it has not been published long enough; {@code GET /internal/signing-keys} → the states.
 * platform-common's service-token filter authenticates the caller (401 without a valid service token); only the
 * issuers in {@code token.signing-key.rotation-callers} are allowed (403 for any other sibling).
 */
@InternalApi(callersProperty = "token.signing-key.rotation-callers")
@Path("/internal/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyRotationResource {

    private final SigningKeyRotation rotation;

    public SigningKeyRotationResource(SigningKeyRotation rotation) {
        this.rotation = rotation;
    }

    @GET
    public Response keys() {
        return noStore(SigningKeysResponse.of(null, rotation.keyRing()));
    }

    @POST
    @Path("/rotate")
    public Response rotate() {
        Instant now = Instant.now();
        SigningKeyRotation.Rotation outcome = rotation.rotate(now);
        if (!outcome.rotated()) {
            long retryAfter = Math.max(1, Duration.between(now, outcome.notBefore()).toSeconds() + 1);
            throw new OAuthException(OAuthError.CONFLICT, 409, "The next signing key was published too recently "
                    + "to sign yet (resource servers may not have it); it may sign from " + outcome.notBefore(),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
        return noStore(SigningKeysResponse.of(true, outcome.keys()));
    }

    private static Response noStore(SigningKeysResponse body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
