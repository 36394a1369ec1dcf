package org.gatehouse.common.bearer;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

/**
 * Quarkus OIDC fetches token-service's signing keys from its sibling route {@code /internal/jwks}
 * ({@code quarkus.oidc.jwks-path}), straight inside the cluster over plain http; this filter adds the service JWT
 * that route asks of its callers. The public {@code /oauth/jwks} would refuse the same request whenever the issuer is
 * https, since the public HTTPS rule cannot tell a sibling from a client that skipped the ingress's TLS.
 */
// Quarkus OIDC looks its request filters up at run time; nothing injects this bean.
@Unremovable
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
@OidcEndpoint(OidcEndpoint.Type.JWKS)
@ApplicationScoped
public class SiblingJwksAuthorization implements OidcRequestFilter {

    private final ServiceTokenIssuer serviceTokens;

    public SiblingJwksAuthorization(ServiceTokenIssuer serviceTokens) {
        this.serviceTokens = serviceTokens;
    }

    @Override
    public void filter(OidcRequestContext context) {
        context.request().putHeader(HttpHeaders.AUTHORIZATION, serviceTokens.authorizationFor(ServiceNames.TOKEN));
    }
}
