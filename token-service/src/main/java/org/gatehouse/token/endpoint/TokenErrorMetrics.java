package org.gatehouse.token.endpoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.gatehouse.common.error.ErrorResponse;
import org.gatehouse.common.error.OAuthError;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Error answers of the token endpoint by RFC 6749 §5.2 code (https://www.rfc-editor.org/rfc/rfc6749#section-5.2):
 * {@code gatehouse_token_errors_total{error}}, counted from the JSON body every error is rendered as, whichever class
 * refused the request (parser, client authentication, rate limit, grant). The label only ever holds a code of
 * {@link OAuthError}, never anything the client sent; the codes a token request can meet are registered at zero.
 */
@Startup
public class TokenErrorMetrics {

    static final String NAME = "gatehouse.token.errors";
    private static final Set<String> TOKEN_PATHS = Set.of("/oauth/token", "/api/token", "/api/token.php");
    private static final List<OAuthError> EXPECTED = List.of(OAuthError.INVALID_REQUEST, OAuthError.INVALID_CLIENT,
            OAuthError.INVALID_GRANT, OAuthError.UNAUTHORIZED_CLIENT, OAuthError.UNSUPPORTED_GRANT_TYPE,
            OAuthError.INVALID_SCOPE, OAuthError.RATE_LIMITED, OAuthError.TEMPORARILY_UNAVAILABLE,
            OAuthError.SERVER_ERROR);

    private static final Set<String> CODES = Stream.of(OAuthError.values()).map(OAuthError::code)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public TokenErrorMetrics(MeterRegistry meters) {
        this.meters = meters;
        EXPECTED.forEach(error -> counters.put(error.code(), counter(error.code())));
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !(response.getEntity() instanceof ErrorResponse body)
                || !TOKEN_PATHS.contains(request.getUriInfo().getPath())) {
            return;
        }
        if (CODES.contains(body.error())) {
            counters.computeIfAbsent(body.error(), this::counter).increment();
        }
    }

    private Counter counter(String code) {
        return Counter.builder(NAME)
                .description("Error answers of the token endpoint, by OAuth error code")
                .tag("error", code)
                .register(meters);
    }
}
