package org.gatehouse.common.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.error.UnacceptableCharacters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What bytes a request may carry, checked once for every endpoint of every service before any is matched: a value
 * with broken percent-encoding, bytes that are not text in their charset, a NUL or any other C0 control character or
 * DEL would otherwise travel on to a sibling or to PostgreSQL, which refuses a NUL outright, and come back as a
 * failure of the sibling ("temporarily unavailable") or a 500 instead of the client's mistake. The answer is 400
 * {@code invalid_request} ({@link UnacceptableCharacters}; a service whose endpoints are pages maps it to its error
 * page). The rules for each part are in {@link RequestText}:
 * <ul>
 *   <li>the raw path and query, and header values (any control but HTAB);</li>
 *   <li>the {@code Content-Type}: one that is not a media type at all ({@code foo}, {@code /}, an empty value) failed
 *       while Quarkus REST matched the resource, as a 500; a well-formed type an endpoint does not consume still gets
 *       the router's 415;</li>
 *   <li>the body of a form, JSON or multipart request. Quarkus REST reads a form into its parameters (or a JSON body
 *       into its object) after the request filters and before the resource method, each in its own way; so the body
 *       is read here, judged, and handed on as the request's body, which both of its readers take instead of the
 *       connection.</li>
 * </ul>
 */
public class RequestCharacters {

    private final JsonFactory json;
    private final long maxBodySize;

    public RequestCharacters(ObjectMapper mapper) {
        this.json = mapper.getFactory();
        this.maxBodySize = RequestSizeLimits.configuredMaxBodySize();
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void refuseUnacceptableCharacters(HttpServerRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        String problem = RequestText.problemInQuery(path, "path");
        if (problem == null) {
            problem = RequestText.problemInQuery(query, "query");
        }
        if (problem != null) {
            throw new UnacceptableCharacters(problem);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (RequestText.hasControl(header.getValue().replace('\t', ' '), false)) {
                throw new UnacceptableCharacters("A request header contains a control character");
            }
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && mediaType(contentType) == null) {
            throw OAuthException.invalidRequest("The Content-Type header is not a media type (type/subtype)");
        }
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 90)
    public Uni<Void> refuseUnacceptableBody(ResteasyReactiveContainerRequestContext context) {
        String method = context.getMethod();
        String contentType = context.getHeaderString(HttpHeaders.CONTENT_TYPE);
        MediaType type = contentType == null || "GET".equals(method) || "HEAD".equals(method)
                ? null : mediaType(contentType);
        String format = type == null ? null : RequestText.formatOf(type);
        if (format == null) {
            return Uni.createFrom().voidItem();
        }
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        return body(request.serverRequest()).invoke(body -> {
            String problem = RequestText.problemInBody(format, type, body, json);
            if (problem != null) {
                throw new UnacceptableCharacters(problem);
            }
            // Quarkus REST reads the body from here: the form parser from the routing context, the entity reader
            // from the input stream. The connection has nothing more to give.
            request.serverRequest().unwrap(RoutingContext.class).setBody(Buffer.buffer(body));
            request.setInputStream(new ByteArrayInputStream(body));
        }).replaceWithVoid();
    }

    /**
     * The whole body, read the way Quarkus REST reads it (which also answers {@code Expect: 100-continue}); a body
     * sent without a length (chunked) is cut off at {@code quarkus.http.limits.max-body-size} with 413.
     */
    private Uni<byte[]> body(ServerHttpRequest request) {
        return Uni.createFrom().emitter(emitter -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            request.setReadListener(new ServerHttpRequest.ReadCallback() {
                private boolean refused;

                @Override
                public void data(ByteBuffer chunk) {
                    if (refused) {
                        return;
                    }
                    if ((long) body.size() + chunk.remaining() > maxBodySize) {
                        refused = true;
                        request.pauseRequestInput();
                        emitter.fail(new OAuthException(OAuthError.PAYLOAD_TOO_LARGE, 413,
                                "The request body is too large (at most " + maxBodySize + " bytes).",
                                Map.of("Connection", "close")));
                        return;
                    }
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.get(bytes);
                    body.writeBytes(bytes);
                }

                @Override
                public void done() {
                    if (!refused) {
                        emitter.complete(body.toByteArray());
                    }
                }
            });
            request.resumeRequestInput();
        });
    }

    /** The Content-Type as a media type, or null when it is not one (a type and a subtype). */
    static MediaType mediaType(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType.trim());
            return type.getType().isEmpty() || type.getSubtype().isEmpty() ? null : type;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
