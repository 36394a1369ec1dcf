package org.gatehouse.registration.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON of the wrong shape (a number where an object is expected, an object where a string is) is a malformed
 * request like any other. quarkus-rest-jackson ships its own mapper for {@link MismatchedInputException},
 * which is more specific than platform-common's {@code JsonProcessingException} mapper and would otherwise
 * answer with a body of its own instead of the contract's error JSON.
 */
public class JsonBodyErrorMapper {

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return ErrorResponses.of(OAuthError.INVALID_REQUEST, "The request body is not valid JSON of the expected shape");
    }
}
