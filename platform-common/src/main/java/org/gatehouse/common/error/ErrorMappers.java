package org.gatehouse.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Turns every failure into the contract's JSON error body. Client-caused failures keep a client-safe
 * description; anything unexpected is logged with a request id and answered without details.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        return ErrorResponses.of(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return ErrorResponses.of(OAuthError.INVALID_REQUEST, "The request body is not valid JSON of the expected shape");
    }

    // quarkus-rest-jackson maps this subtype itself (with a body of its own), more specifically than the
    // JsonProcessingException mapper above, so JSON of the wrong shape needs its own entry to get the contract's body.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return ErrorResponses.of(OAuthError.INVALID_TOKEN, "The access token is missing, expired, revoked or invalid");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorResponses.of(OAuthError.INSUFFICIENT_SCOPE, "The access token does not grant the required scope");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        OAuthError error = OAuthError.forStatus(status);
        return ErrorResponses.build(error, status, describe(status), java.util.Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return ErrorResponses.of(new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                    "The service is temporarily unavailable; retry shortly",
                    java.util.Map.of("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)));
        }
        if (MalformedEncoding.isCause(e)) {
            LOG.debugf("Refused a request that could not be decoded: %s", e.getMessage());
            return ErrorResponses.of(OAuthError.INVALID_REQUEST,
                    "The request is not correctly encoded (unknown charset or broken percent-encoding)");
        }
        if (UnstorableValue.isCause(e)) {
            LOG.debugf("Refused a value the database cannot store: %s", e.getMessage());
            return ErrorResponses.of(OAuthError.INVALID_REQUEST, "The request contains a character or value that "
                    + "is not allowed (for example a NUL character)");
        }
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, request id %s", requestId);
        return ErrorResponses.of(OAuthError.SERVER_ERROR, "Internal error; request id " + requestId);
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 401 -> "Authentication is required";
            case 403 -> "Access is denied";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "No acceptable representation; this endpoint produces JSON";
            case 413 -> "The request is too large";
            case 415 -> "Unsupported content type";
            default -> "The request was refused";
        };
    }
}
