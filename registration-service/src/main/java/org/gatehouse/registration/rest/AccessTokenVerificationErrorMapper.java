package org.gatehouse.registration.rest;

import io.quarkus.oidc.OIDCException;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * quarkus-oidc raises {@link OIDCException} (not an authentication failure) when it cannot fetch token-service's
 * JWKS, for instance while token-service is starting. The token may well be valid, so this is neither 401 (the
 * client would throw its token away) nor an unexpected 500: it is 503 {@code temporarily_unavailable} with
 * {@code Retry-After}, and the next request tries to connect again.
 */
public class AccessTokenVerificationErrorMapper {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerificationErrorMapper.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response oidcUnavailable(OIDCException e) {
        LOG.warnf("Cannot verify access tokens: %s", e.getMessage());
        return ErrorResponses.of(new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "Access tokens cannot be verified right now; retry shortly", Map.of("Retry-After", RETRY_AFTER_SECONDS)));
    }
}
