package org.gatehouse.resource.remote;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

/** Pulls revoked access-token ids from token-service. */
@ApplicationScoped
public class TokenGateway {

    private final TokenRestClient client;
    private final ServiceTokenIssuer serviceTokens;

    public TokenGateway(@RestClient TokenRestClient client, ServiceTokenIssuer serviceTokens) {
        this.client = client;
        this.serviceTokens = serviceTokens;
    }

    public RevokedJtis revokedSince(long sinceMillis) {
        return client.revokedSince(serviceTokens.authorizationFor("token-service"), sinceMillis);
    }
}
