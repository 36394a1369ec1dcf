package org.gatehouse.common.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.error.UnacceptableCharacters;
import org.jboss.logging.Logger;
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
 * with broken percent-encoding, bytes that are not text in their charset, a NUL or any other control character
 * would otherwise travel on to a sibling or to PostgreSQL, which refuses a NUL outright, and come back as a failure
 * of the sibling ("temporarily unavailable") or a 500 instead of the client's mistake. The answer is 400
 * {@code invalid_request}. The rules for each part are in {@link RequestText}:
 * <ul>
 *   <li>the raw path, first on the router: a path that breaks those rules (say {@code /login%ZZ}) names no endpoint,
 *       and the router's own path matching would fail on it, so it is answered there with the JSON body;</li>
 *   <li>the raw query ({@link UnacceptableCharacters}; a service whose endpoints are pages maps it to its error
 *       page), and header values (any ASCII control but HTAB);</li>
 *   <li>the {@code Content-Type}: one that is not a media type at all ({@code foo}, {@code /}, an empty value) failed
 *       while Quarkus REST matched the resource, as a 500; a well-formed type an endpoint does not consume still gets
 *       the router's 415;</li>
 *   <li>the body of a form, JSON or multipart request. Quarkus REST reads a form into its parameters (or a JSON body
 *       into its object) after the request filters and before the resource method, each in its own way; so the body
 *       is read here, judged, and handed on as the request's body, which both of its readers take instead of the
 *       connection.</li>
 * </ul>
 * Quarkus checks every request target with {@link java.net.URI} before any route runs and answers one it refuses
 * (broken escapes such as {@code %ZZ} or a trailing {@code %}, a raw NUL or other control byte) with an empty 400.
 * The services run with {@value #QUARKUS_URI_CHECK_OFF}{@code =true} (the launcher, the images, the tests), which
 * turns that check off so that the same request gets this contract's answer; the rules here include the same
 * {@link java.net.URI} check, on the router's first route, so nothing reaches further than before. A request line
 * Netty's decoder cannot parse at all (a raw HTAB splits the request target) is still answered by Vert.x's
 * {@code HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER}, a bare 400: Quarkus never sets the server's
 * {@code invalidRequestHandler}, so no application code sees that request.
 */
@Singleton
public class RequestCharacters {

    /** The JVM system property that turns off Quarkus' own request-target check (read once, at start). */
    public static final String QUARKUS_URI_CHECK_OFF = "vertx.disableURIValidation";
    private static final Logger LOG = Logger.getLogger(RequestCharacters.class);

    private final JsonFactory json;
    private final long maxBodySize;

    public RequestCharacters(ObjectMapper mapper) {
        this.json = mapper.getFactory();
        this.maxBodySize = RequestSizeLimits.configuredMaxBodySize();
    }

    void refuseUnacceptablePathsOnTheRouter(@Observes Router router) {
        if (!Boolean.getBoolean(QUARKUS_URI_CHECK_OFF)) {
            LOG.warnf("Started without -D%s=true: Quarkus answers a request target it cannot parse as a URI with an "
                    + "empty 400 instead of invalid_request", QUARKUS_URI_CHECK_OFF);
        }
        router.route().order(Integer.MIN_VALUE).handler(this::refuseUnacceptablePath);
    }

    private void refuseUnacceptablePath(RoutingContext context) {
        String uri = context.request().uri();
        int q = uri.indexOf('?');
        String problem = RequestText.problemInRequestTarget(q < 0 ? uri : uri.substring(0, q), RequestText.PATH);
        if (problem != null) {
            RequestSizeLimits.refuse(context, 400, OAuthError.INVALID_REQUEST, problem);
            return;
        }
        context.next();
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void refuseUnacceptableCharacters(HttpServerRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String problem = q < 0 ? null : RequestText.problemInRequestTarget(uri.substring(q + 1), RequestText.QUERY);
        if (problem != null) {
            throw new UnacceptableCharacters(problem);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (RequestText.hasControlInHeader(header.getValue())) {
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
