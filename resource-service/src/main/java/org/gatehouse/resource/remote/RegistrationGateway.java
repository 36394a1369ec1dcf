package org.gatehouse.resource.remote;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;

import java.util.Map;
import java.util.Optional;

/** Reads accounts from registration-service; profiles change rarely, so answers are cached briefly. */
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
        try {
            return Optional.of(client.account(serviceTokens.authorizationFor("registration-service"), id));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable();
        } catch (ProcessingException e) {
            throw unavailable();
        }
    }

    private static OAuthException unavailable() {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "The account directory is temporarily unavailable", Map.of("Retry-After", "5"));
    }
}
