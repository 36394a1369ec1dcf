package org.gatehouse.common.servicejwt;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards the sibling-only APIs. Authentication: only a sibling holding a trusted key, naming this service as audience,
 * with a token that lives at most 60 s, gets through (401 {@code invalid_token} otherwise). Authorization: the caller
 * must be one the matched resource names in its {@link InternalApi} (403 {@code access_denied} otherwise).
 *
 * <p>The authorization is bound to the resource the router matched, not to the request's path, so no spelling of a
 * path ({@code //internal}, {@code %2F}, {@code ;} parameters, dot segments, case) reaches an internal resource
 * unchecked. Before matching, any request whose path reads as {@code /internal/...} once decoded and normalised must
 * already carry a valid service token, so an unknown internal path answers 401 rather than telling what exists.
 */
public class InternalApiFilter {

    /** Request property holding the verified {@code iss} of the service token (the calling service's name). */
    public static final String CALLER = "gatehouse.service-caller";

    private static final Logger LOG = Logger.getLogger(InternalApiFilter.class);
    private static final String INTERNAL_SEGMENT = "internal";

    private final ServiceTokenVerifier verifier;
    /** Allowed callers by resource method; empty for a method that is not internal. */
    private final Map<Method, Optional<Set<String>>> callersByMethod = new ConcurrentHashMap<>();

    public InternalApiFilter(@ConfigProperty(name = "quarkus.application.name") String serviceName,
                             GatehouseConfig config) {
        this.verifier = new ServiceTokenVerifier(serviceName,
                ServiceKeys.trusted(config.serviceAuth().trustedKeys().orElse(List.of())));
    }

    /** Reads the raw path from Vert.x: the request URI JAX-RS builds would also parse forwarded headers. */
    @ServerRequestFilter(preMatching = true)
    public Response authenticateInternal(ContainerRequestContext request, HttpServerRequest raw) {
        if (!readsAsInternal(raw.path())) {
            return null;
        }
        return authenticate(request);
    }

    @ServerRequestFilter
    public Response authorizeInternal(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Optional<Set<String>> callers = callersByMethod.computeIfAbsent(method,
                m -> allowedCallers(m, resource.getResourceClass()));
        if (callers.isEmpty()) {
            return null;
        }
        if (!(request.getProperty(CALLER) instanceof String)) {
            Response refused = authenticate(request);
            if (refused != null) {
                return refused;
            }
        }
        String caller = (String) request.getProperty(CALLER);
        if (!callers.get().contains(caller)) {
            LOG.warnf("Refused internal call from %s to %s.%s: not an allowed caller", caller,
                    method.getDeclaringClass().getSimpleName(), method.getName());
            return ErrorResponses.of(OAuthError.ACCESS_DENIED, "This service may not call this API");
        }
        return null;
    }

    private Response authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ErrorResponses.of(OAuthError.INVALID_TOKEN, "A service token is required");
        }
        try {
            request.setProperty(CALLER, verifier.callerOf(header.substring(7).trim()));
            return null;
        } catch (ServiceTokenVerifier.Refused e) {
            Throwable reason = e.getCause() == null ? e : e.getCause();
            LOG.debugf("Refused internal call to %s: %s", request.getUriInfo().getPath(), reason.getMessage());
            return ErrorResponses.of(OAuthError.INVALID_TOKEN, e.getMessage());
        }
    }

    /**
     * The callers of an internal resource method, or empty when it is not internal: its own {@link InternalApi},
     * else its class's; a class under {@code /internal} that declares none admits nobody.
     */
    static Optional<Set<String>> allowedCallers(Method method, Class<?> resourceClass) {
        InternalApi declared = method.getAnnotation(InternalApi.class);
        if (declared == null && resourceClass != null) {
            declared = resourceClass.getAnnotation(InternalApi.class);
        }
        if (declared == null) {
            Path path = resourceClass == null ? null : resourceClass.getAnnotation(Path.class);
            return path != null && readsAsInternal(path.value()) ? Optional.of(Set.of()) : Optional.empty();
        }
        Set<String> callers = new LinkedHashSet<>(Arrays.asList(declared.callers()));
        if (!declared.callersProperty().isEmpty()) {
            // The property is declared, with its default, in the service's @ConfigMapping; read here by name
            // because the annotation can only name it.
            ConfigProvider.getConfig().getOptionalValues(declared.callersProperty(), String.class)
                    .ifPresent(callers::addAll);
        }
        return Optional.of(Set.copyOf(callers));
    }

    /**
     * Whether a raw request path names {@code /internal} once percent-decoded, stripped of {@code ;} parameters, empty
     * and dot segments, and lower-cased: the spellings a router or a proxy in front may treat as the same path.
     */
    static boolean readsAsInternal(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = rawPath;
        for (int round = 0; round < 3 && path.indexOf('%') >= 0; round++) {
            try {
                path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                break;
            }
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).trim();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        return INTERNAL_SEGMENT.equals(segments.isEmpty() ? null : segments.peekFirst().toLowerCase(Locale.ROOT));
    }
}
