package org.gatehouse.resource.remote;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

import java.util.Map;

/** Signs UserInfo answers through token-service, which holds the keys clients verify them with. */
@ApplicationScoped
public class TokenGateway {

    public static final String APPLICATION_JWT = "application/jwt";

    private final TokenRestClient client;
    private final ServiceTokenIssuer serviceTokens;

    public TokenGateway(@RestClient TokenRestClient client, ServiceTokenIssuer serviceTokens) {
        this.client = client;
        this.serviceTokens = serviceTokens;
    }

    /** The compact JWS of {@code claims} for {@code clientId}; 503 when token-service cannot sign. */
    public String signUserInfo(String clientId, String algorithm, Map<String, Object> claims) {
        return SiblingCalls.optional(() -> client.sign(serviceTokens.authorizationFor("token-service"),
                        new TokenRestClient.Signing(clientId, algorithm, claims)), "UserInfo signing")
                .filter(jws -> !jws.isBlank())
                // token-service refusing what this service asked it to sign is a fault here, not the client's.
                .orElseThrow(() -> new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                        "UserInfo signing is temporarily unavailable", Map.of("Retry-After", "5")));
    }
}
