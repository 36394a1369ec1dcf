package org.gatehouse.authorization.thirdparty;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.profile.ProfilePermissions;
import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.FailedLookupBudget;

import java.util.List;
import java.util.Map;

/**
 * Checks {@code /api/v1/authorize?client_id&redirect_uri[&state]} before anything is shown or sent anywhere: the
 * client must be a third-party app ({@code tp_...}) registration-service knows, and the redirect URI one it
 * registered, compared as exact strings. Any failure is for a page (400), never a redirect: an unchecked
 * redirect URI would make this an open redirector (RFC 6749 §4.1.2.1, §10.15 apply by analogy).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3">RFC 6749 §3.1.2.3</a>
 */
@ApplicationScoped
public class ThirdPartyRequestValidator {

    public static final String CLIENT_PREFIX = "tp_";
    private static final int MAX_CLIENT_ID_LENGTH = 255;
    private static final int MAX_REDIRECT_URI_LENGTH = 2000;
    private static final int MAX_STATE_LENGTH = 2048;

    private final RegistrationGateway registration;

    private final FailedLookupBudget failedLookups;

    public ThirdPartyRequestValidator(RegistrationGateway registration, FailedLookupBudget failedLookups) {
        this.registration = registration;
        this.failedLookups = failedLookups;
    }

    /** The checked request; OAuthException (400, or 503 when registration-service is down) otherwise. */
    public ThirdPartyRequest validate(Map<String, List<String>> parameters) {
        String clientId = single(parameters, ThirdPartyRequest.CLIENT_ID);
        String redirectUri = single(parameters, ThirdPartyRequest.REDIRECT_URI);
        String state = single(parameters, ThirdPartyRequest.STATE);
        if (clientId == null) {
            throw OAuthException.invalidRequest("The client_id parameter is missing");
        }
        if (clientId.length() > MAX_CLIENT_ID_LENGTH || !clientId.startsWith(CLIENT_PREFIX)) {
            throw OAuthException.invalidRequest("This page is for third-party apps; the client_id is not one");
        }
        RegisteredClient client = failedLookups.lookUp(() -> registration.findClient(clientId))
                .orElseThrow(() -> OAuthException.invalidRequest("No app is registered with this client_id"));
        if (redirectUri == null) {
            throw OAuthException.invalidRequest("The redirect_uri parameter is missing");
        }
        if (redirectUri.length() > MAX_REDIRECT_URI_LENGTH || !client.redirectUris().contains(redirectUri)) {
            throw OAuthException.invalidRequest("The redirect_uri is not one the app registered");
        }
        if (state != null && state.length() > MAX_STATE_LENGTH) {
            throw OAuthException.invalidRequest("The state parameter is too long");
        }
        return new ThirdPartyRequest(client, redirectUri, state, ProfilePermissions.granularOf(client.scopes()));
    }

    /** The one non-empty value of a parameter, null when absent; a repeated parameter is ambiguous, so refused. */
    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return null;
        }
        List<String> present = values.stream().filter(v -> v != null && !v.isEmpty()).toList();
        if (present.size() > 1) {
            throw OAuthException.invalidRequest("The " + name + " parameter was sent more than once");
        }
        return present.isEmpty() ? null : present.get(0);
    }
}
