package org.gatehouse.token.remote;

import io.quarkus.cache.CacheResult;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks clients up in registration-service, and checks users' credentials there (it owns accounts). Client
 * answers, "not found" included (also registration's 400 for an id it cannot even look up), are cached for a few
 * seconds ({@code registration-clients} cache, expire-after-write 4 s) so the token endpoint rarely calls out while
 * a deleted client or a rotated secret still stops working within 5 s. Failures are never cached and surface as
 * 503 {@code temporarily_unavailable}: a client must not be told its credentials are wrong because a sibling is down.
 *
 * <p>Fault tolerance (SmallRye): the client lookup is an idempotent GET, so a connection failure or timeout is
 * retried once after a short pause (a cold sibling's first answer can be slow); answers, 4xx or 5xx, are not
 * retried. Each call has a circuit breaker: when most recent calls failed, further calls fail at once with 503 and
 * {@code Retry-After} instead of waiting out timeouts, until a trial call succeeds. The account check is a POST
 * and is never retried.
 */
@ApplicationScoped
public class RegistrationGateway {

    static final String CACHE = "registration-clients";
    /** Circuit breaker names, for {@code CircuitBreakerMaintenance} (tests, operations). */
    public static final String CLIENT_LOOKUP_BREAKER = "registration-client-lookup";
    public static final String ACCOUNT_BREAKER = "registration-account-authentication";
    private static final String CALLEE = "registration-service";
    private static final Logger LOG = Logger.getLogger(RegistrationGateway.class);
    private static final List<String> RATE_LIMIT_HEADERS =
            List.of("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private final RegistrationRestClient restClient;
    private final ServiceTokenIssuer serviceTokens;

    public RegistrationGateway(@RestClient RegistrationRestClient restClient, ServiceTokenIssuer serviceTokens) {
        this.restClient = restClient;
        this.serviceTokens = serviceTokens;
    }

    /** The registered client, or empty when registration-service does not know it. */
    @CacheResult(cacheName = CACHE)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, retryOn = SiblingUnreachableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = SiblingUnavailableException.class)
    @CircuitBreakerName(CLIENT_LOOKUP_BREAKER)
    @Fallback(fallbackMethod = "clientLookupWhileOpen", applyOn = CircuitBreakerOpenException.class)
    public Optional<RegisteredClient> findClient(String clientId) {
        try {
            RegisteredClient client = restClient.client(clientId, serviceTokens.authorizationFor(CALLEE));
            if (client == null || !clientId.equals(client.clientId())) {
                LOG.errorf("registration-service answered for another client than %s", clientId);
                throw unavailable("Client authentication");
            }
            return Optional.of(client);
        } catch (SiblingUnavailableException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404 || status == 400) {
                // 400: registration refused the id itself (say a NUL from a Basic header): no such client. An
                // answer about the value, not a failure of the sibling, so it never counts towards the breaker.
                return Optional.empty();
            }
            // 401/403 here means the service keys are misconfigured, not that the client is wrong.
            LOG.errorf("registration-service answered %d for a client lookup", status);
            throw unavailable("Client authentication");
        } catch (ProcessingException e) {
            LOG.warnf("registration-service unreachable: %s", e.getMessage());
            throw TransportFailures.isTransport(e) ? unreachable("Client authentication")
                    : unavailable("Client authentication");
        } catch (RuntimeException e) {
            // E.g. an unreadable answer: still the sibling's failure, never the client's 500.
            LOG.errorf(e, "Client lookup in registration-service failed");
            throw unavailable("Client authentication");
        }
    }

    Optional<RegisteredClient> clientLookupWhileOpen(String clientId) {
        LOG.debug("Client lookup refused at once: the circuit to registration-service is open");
        throw unavailable("Client authentication");
    }

    /**
     * Checks a user's key and secret ({@code POST /internal/accounts/authenticate}); empty when registration-service
     * refuses them. Never cached, never retried (the attempt may have been counted there). Registration does the same
     * hashing work whether or not the key exists, so this answer's timing does not tell either.
     *
     * @param clientIp the caller's address: registration-service counts failed attempts per account and per IP
     * @throws OAuthException 429 {@code rate_limited} with registration-service's {@code Retry-After} and
     *                        {@code RateLimit-*} when it refused the attempt unchecked (too many failures, or too many
     *                        checks at once); an answer about the attempt, so it never counts towards the breaker
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = SiblingUnavailableException.class)
    @CircuitBreakerName(ACCOUNT_BREAKER)
    @Fallback(fallbackMethod = "accountAuthenticationWhileOpen", applyOn = CircuitBreakerOpenException.class)
    public Optional<Account> authenticateAccount(String userKey, String password, String clientIp) {
        try {
            Account account = restClient.authenticate(
                    new RegistrationRestClient.AccountCredentials(userKey, password, clientIp),
                    serviceTokens.authorizationFor(CALLEE));
            if (account == null || account.id() == null || account.id().isBlank()) {
                LOG.error("registration-service authenticated an account without an id");
                throw unavailable("Signing in");
            }
            return Optional.of(account);
        } catch (SiblingUnavailableException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 401) {
                return Optional.empty();
            }
            if (status == 400) {
                // Input registration will not even hash (its own bounds): as wrong as a wrong secret.
                LOG.debug("registration-service refused the credentials' shape");
                return Optional.empty();
            }
            if (status == 429) {
                throw refused(e.getResponse());
            }
            LOG.errorf("registration-service answered %d to an account authentication", status);
            throw unavailable("Signing in");
        } catch (ProcessingException e) {
            LOG.warnf("registration-service unreachable: %s", e.getMessage());
            throw unavailable("Signing in");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Account authentication in registration-service failed");
            throw unavailable("Signing in");
        }
    }

    Optional<Account> accountAuthenticationWhileOpen(String userKey, String password, String clientIp) {
        LOG.debug("Account authentication refused at once: the circuit to registration-service is open");
        throw unavailable("Signing in");
    }

    /** registration-service's refusal, passed on with its headers: the same wait applies to the caller here. */
    private static OAuthException refused(Response answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RATE_LIMIT_HEADERS) {
            String value = answer == null ? null : answer.getHeaderString(name);
            if (value != null && value.matches("\\d{1,9}")) {
                headers.put(name, value);
            }
        }
        headers.putIfAbsent("Retry-After", "1");
        return new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                "Too many attempts; retry later", headers);
    }

    private static SiblingUnavailableException unavailable(String what) {
        return new SiblingUnavailableException(what + " is temporarily unavailable; retry shortly");
    }

    private static SiblingUnreachableException unreachable(String what) {
        return new SiblingUnreachableException(what + " is temporarily unavailable; retry shortly");
    }
}
