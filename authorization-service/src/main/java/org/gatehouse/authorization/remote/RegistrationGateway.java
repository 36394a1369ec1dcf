package org.gatehouse.authorization.remote;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * registration-service as this service needs it: client lookups and password checks. Client answers, "not found"
 * included (also registration's 400 for an id it cannot even look up), are cached for a few seconds
 * ({@code registration-clients}, expire-after-write 3 s) so a deleted client or a changed redirect URI takes effect
 * within 5 s. Failures are never cached and surface as 503
 * {@code temporarily_unavailable}: a user must not be told their password is wrong because a sibling is down.
 */
@ApplicationScoped
public class RegistrationGateway {

    static final String CLIENT_CACHE = "registration-clients";
    private static final String CALLEE = "registration-service";
    private static final Logger LOG = Logger.getLogger(RegistrationGateway.class);

    private final RegistrationRestClient restClient;
    private final ServiceTokenIssuer serviceTokens;

    public RegistrationGateway(@RestClient RegistrationRestClient restClient, ServiceTokenIssuer serviceTokens) {
        this.restClient = restClient;
        this.serviceTokens = serviceTokens;
    }

    /** The registered client, or empty when registration-service does not know it. */
    @CacheResult(cacheName = CLIENT_CACHE)
    public Optional<RegisteredClient> findClient(String clientId) {
        try {
            RegisteredClient client = restClient.client(clientId, serviceTokens.authorizationFor(CALLEE));
            if (client == null || !clientId.equals(client.clientId())) {
                LOG.errorf("registration-service answered for another client than %s", clientId);
                throw unavailable();
            }
            return Optional.of(client);
        } catch (OAuthException e) {
            throw e;
        } catch (WebApplicationException e) {
            if (status(e) == 404 || status(e) == 400) {
                // 400: registration refused the id itself (a value it cannot look up): no such client, no outage.
                return Optional.empty();
            }
            // 401/403 here means the service keys are misconfigured, not that the client is wrong.
            LOG.errorf("registration-service answered %d for a client lookup", status(e));
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("registration-service unreachable: %s", e.getMessage());
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Client lookup in registration-service failed");
            throw unavailable();
        }
    }

    /**
     * The account when the password is right; empty when the username is unknown or the password wrong
     * (registration-service does not say which, and neither do we).
     */
    public Optional<Account> authenticate(String username, String password) {
        try {
            Account account = restClient.authenticate(new RegistrationRestClient.Credentials(username, password),
                    serviceTokens.authorizationFor(CALLEE));
            if (account == null || account.id() == null || account.id().isBlank()) {
                LOG.error("registration-service authenticated an account without an id");
                throw unavailable();
            }
            return Optional.of(account);
        } catch (OAuthException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = status(e);
            if (status == 400 || status == 401) {
                return Optional.empty();
            }
            LOG.errorf("registration-service answered %d for a password check", status);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("registration-service unreachable: %s", e.getMessage());
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Password check in registration-service failed");
            throw unavailable();
        }
    }

    private static int status(WebApplicationException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatus();
    }

    private static OAuthException unavailable() {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "Sign-in is temporarily unavailable; retry shortly", Map.of("Retry-After", "5"));
    }
}
