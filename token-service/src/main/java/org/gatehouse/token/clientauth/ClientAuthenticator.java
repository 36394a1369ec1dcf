package org.gatehouse.token.clientauth;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.common.ratelimit.FailedLookupBudget;
import org.gatehouse.token.remote.RegisteredClient;
import org.gatehouse.token.remote.RegistrationGateway;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.List;

/**
 * Authenticates the client of a token-, revocation- or introspection-endpoint request (RFC 6749 §2.3,
 * https://www.rfc-editor.org/rfc/rfc6749#section-2.3): {@code client_secret_basic} (§2.3.1 Basic header),
 * {@code client_secret_post} (§2.3.1 body parameters), {@code client_secret_jwt} and {@code private_key_jwt}
 * (RFC 7523 §2.2 {@code client_assertion}, checked by {@link ClientAssertionVerifier}), or {@code none} for a public
 * client (§2.1, §3.2.1: it sends only {@code client_id}; the grants then demand PKCE instead of a secret). A request
 * using more than one method is refused as {@code invalid_request} (§2.3: "MUST NOT use more than one authentication
 * method in each request"); a client registered for one method cannot use another.
 *
 * <p>Unknown clients and wrong secrets get the same answer and cost the same hashing work, so neither the
 * description nor the timing tells an attacker which client ids exist.
 */
@ApplicationScoped
public class ClientAuthenticator {

    private static final Logger LOG = Logger.getLogger(ClientAuthenticator.class);
    /** Far above anything registration issues; longer values are refused without a remote lookup. */
    private static final int MAX_CLIENT_ID_LENGTH = 255;
    private static final int MAX_SECRET_LENGTH = 512;

    private final RegistrationGateway registrations;
    private final ClientAssertionVerifier assertions;
    private final FailedLookupBudget failedLookups;

    public ClientAuthenticator(RegistrationGateway registrations, ClientAssertionVerifier assertions,
                               FailedLookupBudget failedLookups) {
        this.registrations = registrations;
        this.assertions = assertions;
        this.failedLookups = failedLookups;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param parameters    the request parameters (form or JSON body)
     * @param endpoint      the endpoint called: a client assertion must be addressed to it (or to the issuer)
     */
    public AuthenticatedClient authenticate(String authorization, Map<String, String> parameters,
                                            ClientEndpoint endpoint) {
        // Each attempt may cost a lookup in registration-service before any credential is checked. Every failure
        // counts, unknown client or wrong credential alike, so the budget does not tell which client ids exist.
        failedLookups.admit();
        try {
            return authenticateOnce(authorization, parameters, endpoint);
        } catch (OAuthException e) {
            if (e.error() == OAuthError.INVALID_CLIENT) {
                failedLookups.recordFailure();
            }
            throw e;
        }
    }

    private AuthenticatedClient authenticateOnce(String authorization, Map<String, String> parameters,
                                                 ClientEndpoint endpoint) {
        Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
        // client_id (REQUIRED with client_secret_post; allowed alongside Basic when it names the same client)
        String clientId = parameters.get("client_id");
        // client_secret (REQUIRED for client_secret_post)
        String clientSecret = parameters.get("client_secret");
        // client_assertion and client_assertion_type (RFC 7523 §2.2; either one means an assertion was attempted)
        String assertionType = parameters.get("client_assertion_type");
        String assertion = parameters.get("client_assertion");
        boolean assertionAttempted = assertionType != null || assertion != null;

        int methods = (basic.isPresent() ? 1 : 0) + (clientSecret != null ? 1 : 0) + (assertionAttempted ? 1 : 0);
        if (methods > 1) {
            throw OAuthException.invalidRequest("The request uses more than one client authentication method");
        }
        if (assertionAttempted) {
            return assertions.verify(assertionType, assertion, clientId, endpoint);
        }
        if (basic.isPresent()) {
            BasicCredentials credentials = basic.get();
            if (clientId != null && !clientId.equals(credentials.clientId())) {
                throw OAuthException.invalidRequest("client_id does not match the client authenticated by HTTP Basic");
            }
            return verify(credentials.clientId(), credentials.clientSecret(),
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        if (clientSecret != null) {
            if (clientId == null) {
                throw OAuthException.invalidRequest("client_id is required with client_secret");
            }
            return verify(clientId, clientSecret, ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        if (clientId != null) {
            return identifyPublic(clientId);
        }
        throw OAuthException.invalidClient("Client authentication is required");
    }

    /** RFC 6749 §3.2.1: a public client sends client_id to identify itself; only public clients may do so. */
    private AuthenticatedClient identifyPublic(String clientId) {
        Optional<RegisteredClient> found = plausible(clientId, "") ? registrations.findClient(clientId)
                : Optional.empty();
        if (found.isEmpty() || !isPublic(found.get())) {
            throw OAuthException.invalidClient("Client authentication is required");
        }
        return AuthenticatedClient.of(found.get(), ClientAuthenticationMethod.NONE);
    }

    /**
     * A client that cannot keep a credential (RFC 6749 §2.1): it registered {@code none}, or it holds no secret to
     * authenticate with (the same rule authorization-service applies when it demands PKCE) and is not registered for
     * an assertion method either: a {@code private_key_jwt} client has no secret, yet it is confidential and must
     * never be let in on its {@code client_id} alone.
     */
    static boolean isPublic(RegisteredClient client) {
        List<String> methods = client.tokenEndpointAuthMethods();
        if (methods.contains(ClientAuthenticationMethod.NONE.value())) {
            return true;
        }
        boolean assertionMethod = methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_JWT.value())
                || methods.contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT.value());
        return client.secretHashes().isEmpty() && !assertionMethod;
    }

    /** First-party tokens carry this client id; no registered client may ever act as it. */
    private static boolean isReserved(String clientId) {
        return Permissions.FIRST_PARTY_CLIENT_ID.equals(clientId);
    }

    private AuthenticatedClient verify(String clientId, String secret, ClientAuthenticationMethod method) {
        Optional<RegisteredClient> found = plausible(clientId, secret)
                ? registrations.findClient(clientId) : Optional.empty();
        if (found.isEmpty()) {
            ClientSecretVerifier.spendEqualWork(secret);
            LOG.debugf("Client authentication failed: unknown client (%s)", method.value());
            throw failed();
        }
        RegisteredClient client = found.get();
        if (!ClientSecretVerifier.matches(secret, client.secretHashes())) {
            LOG.debugf("Client authentication failed: wrong secret for %s", clientId);
            throw failed();
        }
        if (!client.tokenEndpointAuthMethods().contains(method.value())) {
            throw OAuthException.invalidClient("The client is not registered for " + method.value()
                    + " authentication");
        }
        return AuthenticatedClient.of(client, method);
    }

    /** Worth a remote lookup: bounded, printable, and not the reserved first-party id. */
    static boolean plausible(String clientId, String secret) {
        return !isReserved(clientId) && clientId.length() <= MAX_CLIENT_ID_LENGTH
                && secret.length() <= MAX_SECRET_LENGTH && clientId.chars().noneMatch(Character::isISOControl);
    }

    private static OAuthException failed() {
        return OAuthException.invalidClient("Client authentication failed");
    }
}
