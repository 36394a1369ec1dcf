package org.gatehouse.common.servicejwt;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.OAuthError;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Guards {@code /internal/**}: only a sibling holding a trusted key, naming this service as audience,
 * with a token that lives at most 60 s, gets through. Everything else is 401 {@code invalid_token}.
 */
public class InternalApiFilter {

    /** Request property holding the verified {@code iss} of the service token, for resources that allow only some callers. */
    public static final String CALLER = "gatehouse.service-caller";

    private static final Logger LOG = Logger.getLogger(InternalApiFilter.class);

    private final ServiceTokenVerifier verifier;

    public InternalApiFilter(@ConfigProperty(name = "quarkus.application.name") String serviceName,
                             GatehouseConfig config) {
        this.verifier = new ServiceTokenVerifier(serviceName,
                ServiceKeys.trusted(config.serviceAuth().trustedKeys().orElse(List.of())));
    }

    @ServerRequestFilter(preMatching = true)
    public Response guardInternal(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ErrorResponses.of(OAuthError.INVALID_TOKEN, "A service token is required");
        }
        try {
            request.setProperty(CALLER, verifier.callerOf(header.substring(7).trim()));
            return null;
        } catch (ServiceTokenVerifier.Refused e) {
            Throwable reason = e.getCause() == null ? e : e.getCause();
            LOG.debugf("Refused internal call to %s: %s", path, reason.getMessage());
            return ErrorResponses.of(OAuthError.INVALID_TOKEN, e.getMessage());
        }
    }
}
