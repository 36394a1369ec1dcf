package org.gatehouse.token.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.gatehouse.common.servicejwt.ServiceTokenIssuer;
import org.jboss.logging.Logger;

/**
 * Asks authorization-service whether a user's consent to a client still stands ({@link #consentStands}), and redeems
 * authorization codes there: it owns them and marks each used exactly once
 * ({@code POST /internal/authorization-codes/redeem}), and only when the token request matches the code's binding
 * (client, redirect_uri, PKCE). Its 400 answers are outcomes (unknown, expired or another client's; a binding
 * mismatch with its reason, the code left unused; or replayed by the same client, with the code's id); anything else it does wrong, or not answering within the rest client's read
 * timeout, is 503 {@code temporarily_unavailable}: a client must not be told its code is bad because a sibling is
 * down.
 *
 * <p>The redemption is never retried: it is not idempotent (a timed-out first attempt may have used the code up, and
 * a retry would then look like a replay and revoke what the code produced). A circuit breaker makes a dead
 * authorization-service answer 503 with {@code Retry-After} at once instead of after a timeout per request.
 */
@ApplicationScoped
public class AuthorizationGateway {

    /** Circuit breaker names, for {@code CircuitBreakerMaintenance} (tests, operations). */
    public static final String REDEMPTION_BREAKER = "authorization-code-redemption";
    public static final String CONSENT_BREAKER = "authorization-consent-lookup";
    private static final String CALLEE = "authorization-service";
    private static final Logger LOG = Logger.getLogger(AuthorizationGateway.class);

    private final AuthorizationRestClient restClient;
    private final ServiceTokenIssuer serviceTokens;
    private final ObjectMapper mapper;

    public AuthorizationGateway(@RestClient AuthorizationRestClient restClient, ServiceTokenIssuer serviceTokens,
                                ObjectMapper mapper) {
        this.restClient = restClient;
        this.serviceTokens = serviceTokens;
        this.mapper = mapper;
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = SiblingUnavailableException.class)
    @CircuitBreakerName(REDEMPTION_BREAKER)
    @Fallback(fallbackMethod = "redeemWhileOpen", applyOn = CircuitBreakerOpenException.class)
    public CodeRedemption redeem(CodeRedemption.Request request) {
        try {
            RedeemedCode redeemed = restClient.redeem(AuthorizationRestClient.RedemptionRequest.of(request),
                    serviceTokens.authorizationFor(CALLEE));
            if (redeemed == null || redeemed.codeId() == null || redeemed.clientId() == null
                    || redeemed.userId() == null) {
                LOG.error("authorization-service redeemed a code without code_id, client_id or user_id");
                throw unavailable();
            }
            return new CodeRedemption.Redeemed(redeemed);
        } catch (SiblingUnavailableException e) {
            throw e;
        } catch (WebApplicationException e) {
            Response response = e.getResponse();
            int status = response == null ? 0 : response.getStatus();
            if (status == 400) {
                return refusal(response);
            }
            // 401/403 here means the service keys are misconfigured, not that the code is wrong.
            LOG.errorf("authorization-service answered %d to a code redemption", status);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("authorization-service unreachable: %s", e.getMessage());
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Code redemption at authorization-service failed");
            throw unavailable();
        }
    }

    /**
     * A 400 is {@code invalid_grant}: with {@code code_id} when the same client had redeemed the code before, with
     * {@code mismatch: true} and a client-safe description when the request does not match the unused code.
     */
    private CodeRedemption refusal(Response response) {
        JsonNode body;
        try {
            body = mapper.readTree(response.readEntity(String.class));
        } catch (Exception e) {
            LOG.errorf("authorization-service answered 400 without a readable body: %s", e.getMessage());
            throw unavailable();
        }
        if (body == null || !OAuthError.INVALID_GRANT.code().equals(body.path("error").asText())) {
            // e.g. invalid_request: this service sent something the contract does not allow.
            LOG.errorf("authorization-service refused a code redemption with %s", body == null ? "nothing"
                    : body.path("error").asText());
            throw unavailable();
        }
        if (body.path("mismatch").asBoolean(false)) {
            return new CodeRedemption.Mismatch(body.path("error_description").asText("The authorization code does "
                    + "not match the request"));
        }
        String codeId = body.path("code_id").asText("");
        return codeId.isEmpty() ? new CodeRedemption.Invalid() : new CodeRedemption.Replayed(codeId);
    }

    CodeRedemption redeemWhileOpen(CodeRedemption.Request request) {
        LOG.debug("Code redemption refused at once: the circuit to authorization-service is open");
        throw unavailable();
    }

    /**
     * Whether the user's consent to the client still stands ({@code GET /internal/consents}): true on 200, false on
     * 404. Never cached: a revoked consent must stop the next refresh. An idempotent GET, so a connection failure or
     * timeout is retried once; anything else authorization-service does wrong is 503, never an answer either way.
     */
    @Retry(maxRetries = 1, delay = 100, jitter = 50, retryOn = SiblingUnreachableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = SiblingUnavailableException.class)
    @CircuitBreakerName(CONSENT_BREAKER)
    @Fallback(fallbackMethod = "consentLookupWhileOpen", applyOn = CircuitBreakerOpenException.class)
    public boolean consentStands(String userId, String clientId) {
        try {
            AuthorizationRestClient.LiveConsent consent = restClient.consent(userId, clientId,
                    serviceTokens.authorizationFor(CALLEE));
            if (consent == null || !clientId.equals(consent.clientId()) || !userId.equals(consent.userId())) {
                LOG.errorf("authorization-service answered a consent lookup for another user or client than %s",
                        clientId);
                throw unavailable();
            }
            return true;
        } catch (SiblingUnavailableException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                return false;
            }
            LOG.errorf("authorization-service answered %d to a consent lookup", status);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("authorization-service unreachable: %s", e.getMessage());
            throw TransportFailures.isTransport(e) ? unreachable() : unavailable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Consent lookup at authorization-service failed");
            throw unavailable();
        }
    }

    boolean consentLookupWhileOpen(String userId, String clientId) {
        LOG.debug("Consent lookup refused at once: the circuit to authorization-service is open");
        throw unavailable();
    }

    private static SiblingUnreachableException unreachable() {
        return new SiblingUnreachableException("The authorization server is temporarily unavailable; retry shortly");
    }

    private static SiblingUnavailableException unavailable() {
        return new SiblingUnavailableException("The authorization server is temporarily unavailable; retry shortly");
    }
}
