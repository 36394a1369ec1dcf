package org.gatehouse.registration.remote;

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
import java.util.regex.Pattern;

/**
 * authorization-service as the developer pages need it: it owns the login session ({@code gatehouse_session}
 * cookie), so the pages ask it who the browser's session belongs to, on every request (no caching: a logout must
 * take effect at once). "No such session" is an answer (empty); a failure is not, and surfaces as 503
 * {@code temporarily_unavailable}, so a user is never sent to log in again because a sibling is down.
 */
@ApplicationScoped
public class AuthorizationGateway {

    private static final String CALLEE = "authorization-service";
    /** Session ids are 43-character base64url values; anything far from that is not sent anywhere. */
    private static final Pattern PLAUSIBLE_SESSION = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Logger LOG = Logger.getLogger(AuthorizationGateway.class);

    private final AuthorizationRestClient restClient;
    private final ServiceTokenIssuer serviceTokens;

    public AuthorizationGateway(@RestClient AuthorizationRestClient restClient, ServiceTokenIssuer serviceTokens) {
        this.restClient = restClient;
        this.serviceTokens = serviceTokens;
    }

    /** The user of the live session {@code sessionId} (the raw cookie value), or empty when there is none. */
    public Optional<SessionUser> currentSession(String sessionId) {
        if (sessionId == null || !PLAUSIBLE_SESSION.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        try {
            SessionUser user = restClient.current(sessionId, serviceTokens.authorizationFor(CALLEE));
            if (user == null || user.userId() == null || user.userId().isBlank()) {
                LOG.error("authorization-service described a session without a user id");
                throw unavailable();
            }
            return Optional.of(user);
        } catch (OAuthException e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            // 401/403 here means the service keys are misconfigured, not that the user is logged out.
            LOG.errorf("authorization-service answered %d for a session lookup", status);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("authorization-service unreachable: %s", e.getMessage());
            throw unavailable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Session lookup in authorization-service failed");
            throw unavailable();
        }
    }

    private static OAuthException unavailable() {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
                "Sign-in cannot be checked right now; retry shortly", Map.of("Retry-After", "5"));
    }
}
