package org.gatehouse.common.revocation;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

/**
 * The denylist as token-service publishes it, read over HTTP with a service token. Present in the services that
 * verify bearer tokens (built with quarkus-oidc, see {@code CachedBearerIdentityProvider}); token-service reads its
 * own table instead.
 */
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
@ApplicationScoped
public class TokenServiceRevocations implements RevokedJtiSource {

    private final RevokedJtiClient client;
    private final ServiceTokenIssuer serviceTokens;

    public TokenServiceRevocations(@RestClient RevokedJtiClient client, ServiceTokenIssuer serviceTokens) {
        this.client = client;
        this.serviceTokens = serviceTokens;
    }

    @Override
    public RevokedJtis since(long sinceMillis) {
        return client.revokedSince(serviceTokens.authorizationFor("token-service"), sinceMillis);
    }
}
