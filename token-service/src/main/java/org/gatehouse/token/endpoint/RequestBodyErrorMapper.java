package org.gatehouse.token.endpoint;

import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;

/**
 * A request body that cannot be read is the client's failure, not a 500: a chunked body over
 * {@code quarkus.http.limits.max-body-size} (Quarkus has already answered 413 and closed the connection when
 * this runs) or a connection dropped mid-body. Without this, platform-common's catch-all logs an error and
 * answers {@code server_error}.
 */
public class RequestBodyErrorMapper {

    private static final Logger LOG = Logger.getLogger(RequestBodyErrorMapper.class);
    /** The message of Quarkus REST's VertxInputStream when the limit is exceeded. */
    private static final String TOO_LARGE = "Request too large";

    @ServerExceptionMapper
    public Response unreadableBody(IOException e, ServerRequestContext context) {
        LOG.debugf("Unreadable request body: %s", e.getMessage());
        if (context.serverResponse().headWritten()) {
            // Quarkus has already sent its 413 and closed: writing again would only log a failure.
            return null;
        }
        if (TOO_LARGE.equals(e.getMessage())) {
            return ErrorResponses.of(OAuthError.PAYLOAD_TOO_LARGE, "The request is too large");
        }
        return ErrorResponses.of(OAuthError.INVALID_REQUEST, "The request body could not be read");
    }
}
