package org.gatehouse.resource.remote;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

import java.util.Optional;

/** Reads accounts, clients and API keys from registration-service, each cached briefly. */
@ApplicationScoped
public class RegistrationGateway {

    private final RegistrationRestClient client;
    private final ServiceTokenIssuer serviceTokens;

    public RegistrationGateway(@RestClient RegistrationRestClient client, ServiceTokenIssuer serviceTokens) {
        this.client = client;
        this.serviceTokens = serviceTokens;
    }

    @CacheResult(cacheName = "accounts")
    public Optional<Account> account(String id) {
        return SiblingCalls.optional(() -> client.account(serviceTokens.authorizationFor("registration-service"), id),
                "The account directory");
    }

    /** The client's registered preferences; cached for at most 4 s like every client lookup. */
    @CacheResult(cacheName = "clients")
    public Optional<ClientPreferences> client(String clientId) {
        return SiblingCalls.optional(() -> client.client(serviceTokens.authorizationFor("registration-service"),
                clientId), "The client directory");
    }

    /** Cached briefly (≤ 4 s) so a deleted or rotated key stops working within 5 s without a call per request. */
    @CacheResult(cacheName = "api-keys")
    public Optional<ApiKeyRecord> apiKey(String keyId) {
        return SiblingCalls.optional(() -> client.apiKey(serviceTokens.authorizationFor("registration-service"), keyId),
                "The API key directory");
    }
}
