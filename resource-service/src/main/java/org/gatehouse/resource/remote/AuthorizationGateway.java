package org.gatehouse.resource.remote;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

import java.util.Optional;

/**
 * Reads a user's grant to a third-party app from authorization-service. Cached for at most 4 s, so a profile
 * edit or a revocation bites within 5 s while a busy app's calls almost never leave this service.
 */
@ApplicationScoped
public class AuthorizationGateway {

    private final AuthorizationRestClient client;
    private final ServiceTokenIssuer serviceTokens;

    public AuthorizationGateway(@RestClient AuthorizationRestClient client, ServiceTokenIssuer serviceTokens) {
        this.client = client;
        this.serviceTokens = serviceTokens;
    }

    @CacheResult(cacheName = "app-grants")
    public Optional<AppGrant> grant(@CacheKey String clientId, @CacheKey String userId) {
        return SiblingCalls.optional(
                () -> client.grant(serviceTokens.authorizationFor("authorization-service"), clientId, userId),
                "The consent directory");
    }
}
