package org.gatehouse.authorization.remote;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gatehouse.common.error.ErrorResponse;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
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
    private static final List<String> RATE_LIMIT_HEADERS =
            List.of("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

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
     *
     * @param clientIp the address the sign-in came from: registration-service counts attempts per account and per IP
     * @throws OAuthException 429 {@code rate_limited} with registration-service's {@code Retry-After} and
     *                        {@code RateLimit-*} when it refused the attempt unchecked (too many attempts, or too many
     *                        at once); 503 when it could not be asked
     */
    public Optional<Account> authenticate(String username, String password, String clientIp) {
        try {
            Account account = restClient.authenticate(new RegistrationRestClient.Credentials(username, password,
                            clientIp), serviceTokens.authorizationFor(CALLEE));
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
            if (status == 429) {
                throw refused(e.getResponse());
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

    /** The signed-in user's account as registration-service keeps it, or empty when it no longer exists. */
    public Optional<Account> account(String userId) {
        try {
            return Optional.ofNullable(restClient.account(userId, serviceTokens.authorizationFor(CALLEE)));
        } catch (WebApplicationException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            LOG.errorf("registration-service answered %d for an account read", status(e));
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.warnf("Account read in registration-service failed: %s", e.getMessage());
            throw unavailable();
        }
    }

    /**
     * Stores the user's own profile claims; registration-service validates them.
     *
     * @throws OAuthException 400 {@code invalid_request} with registration-service's description for a value it
     *                        refuses (then nothing is stored); 404 when the account no longer exists; 503 when it
     *                        could not be asked
     */
    public Account changeProfile(String userId, ProfileClaims claims) {
        try {
            return restClient.changeProfile(userId, claims, serviceTokens.authorizationFor(CALLEE));
        } catch (WebApplicationException e) {
            if (status(e) == 400) {
                throw OAuthException.invalidRequest(description(e.getResponse()));
            }
            if (status(e) == 404) {
                throw new OAuthException(OAuthError.NOT_FOUND, "No account has this id");
            }
            LOG.errorf("registration-service answered %d for a profile change", status(e));
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.warnf("Profile change in registration-service failed: %s", e.getMessage());
            throw unavailable();
        }
    }

    /** The {@code error_description} of registration-service's RFC-shaped refusal. */
    private static String description(Response answer) {
        try {
            ErrorResponse body = answer.readEntity(ErrorResponse.class);
            if (body != null && body.errorDescription() != null) {
                return body.errorDescription();
            }
        } catch (RuntimeException e) {
            LOG.debugf("Unreadable refusal from registration-service: %s", e.getMessage());
        }
        return "The profile was refused";
    }

    /** registration-service's refusal, passed on with its headers: the same wait applies to the user here. */
    private static OAuthException refused(Response answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RATE_LIMIT_HEADERS) {
            String value = answer.getHeaderString(name);
            if (value != null && value.matches("\\d{1,9}")) {
                headers.put(name, value);
            }
        }
        headers.putIfAbsent("Retry-After", "1");
        return new OAuthException(OAuthError.RATE_LIMITED, OAuthError.RATE_LIMITED.status(),
                "Too many sign-in attempts; retry later", headers);
    }

    private static int status(WebApplicationException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatus();
    }

    private static OAuthException unavailable() {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "Sign-in is temporarily unavailable; retry shortly", Map.of("Retry-After", "5"));
    }
}
