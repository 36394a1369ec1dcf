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
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * Guards {@code /internal/**}: only a sibling holding a trusted key, naming this service as audience,
 * with a token that lives at most 60 s, gets through. Everything else is 401 {@code invalid_token}.
 */
public class InternalApiFilter {

    /** Request property holding the verified {@code iss} of the service token, for resources that allow only some callers. */
    public static final String CALLER = "gatehouse.service-caller";

    private static final Logger LOG = Logger.getLogger(InternalApiFilter.class);
    private static final int MAX_LIFETIME_SECONDS = 60;

    private final JwtConsumer consumer;

    public InternalApiFilter(@ConfigProperty(name = "quarkus.application.name") String serviceName,
                             GatehouseConfig config) {
        Map<String, PublicKey> trusted = ServiceKeys.trusted(config.serviceAuth().trustedKeys().orElse(List.of()));
        VerificationKeyResolver byIssuer = (org.jose4j.jws.JsonWebSignature jws, List<JsonWebStructure> nested) -> {
            try {
                String issuer = org.jose4j.jwt.JwtClaims.parse(jws.getUnverifiedPayload()).getIssuer();
                PublicKey key = trusted.get(issuer);
                if (key == null) {
                    throw new UnresolvableKeyException("untrusted issuer");
                }
                return key;
            } catch (org.jose4j.jwt.MalformedClaimException | InvalidJwtException e) {
                throw new UnresolvableKeyException("unreadable claims", e);
            }
        };
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setMaxFutureValidityInMinutes(1)
                .setAllowedClockSkewInSeconds(10)
                .setExpectedAudience(serviceName)
                .setExpectedIssuers(true, trusted.keySet().toArray(String[]::new))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(byIssuer)
                .build();
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
            var claims = consumer.processToClaims(header.substring(7).trim());
            if (claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() > MAX_LIFETIME_SECONDS) {
                return ErrorResponses.of(OAuthError.INVALID_TOKEN, "Service tokens may live at most 60 seconds");
            }
            request.setProperty(CALLER, claims.getIssuer());
            return null;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            LOG.debugf("Refused internal call to %s: %s", path, e.getMessage());
            return ErrorResponses.of(OAuthError.INVALID_TOKEN, "The service token is invalid");
        }
    }
}
