package org.gatehouse.authorization.code;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.consent.ConsentService;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthError;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization code flow from the user's side (RFC 6749 §4.1.1–§4.1.2): validate the request, make sure the
 * user is signed in and has consented, then issue a code to the redirect URI. Every response to the client carries
 * {@code iss} (RFC 9207).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207</a>
 */
@ApplicationScoped
public class AuthorizationFlow {

    private static final Logger LOG = Logger.getLogger(AuthorizationFlow.class);

    private final AuthorizationRequestValidator validator;
    private final ConsentService consents;
    private final AuthorizationCodeIssuer codes;
    private final String issuer;
    private final Set<String> trustedClients;

    public AuthorizationFlow(AuthorizationRequestValidator validator, ConsentService consents,
                             AuthorizationCodeIssuer codes, GatehouseConfig gatehouse, AuthorizationConfig config) {
        this.validator = validator;
        this.consents = consents;
        this.codes = codes;
        this.issuer = gatehouse.publicUrl();
        this.trustedClients = config.trustedClients().orElse(Set.of());
    }

    /** A request arriving at the authorization endpoint. */
    public AuthorizationOutcome authorize(AuthorizationRequest request, Optional<SignedInUser> user) {
        ValidatedAuthorizationRequest validated;
        try {
            validated = validator.validate(request);
        } catch (InvalidAuthorizationRequestException e) {
            return refuse(e, request, user);
        }
        boolean promptNone = validated.prompt().contains("none");
        Instant now = Instant.now();
        if (user.isEmpty() || validated.demandsLoginAfter(user.get().authTime(), now)) {
            // OpenID Connect Core §3.1.2.6: prompt=none must not show a page.
            if (promptNone) {
                return errorToClient(validated, "login_required", user.isEmpty() ? "The user is not signed in"
                        : "The user must sign in again");
            }
            return new AuthorizationOutcome.LoginRequired(validated.limitsLoginAge()
                    ? request.resumePathAfterLogin(now, ValidatedAuthorizationRequest.LOGIN_PROMPTS)
                    : request.resumePath());
        }
        if (!validated.claims().allowsSubject(user.get().userId())) {
            return otherUserNamed(validated);
        }
        boolean remembered = !validated.prompt().contains("consent")
                && consents.covers(user.get().userId(), validated.client().clientId(), validated.consentScopes());
        if (remembered) {
            return issue(validated, user.get());
        }
        return promptNone ? errorToClient(validated, "consent_required", "The user has not approved this application")
                : new AuthorizationOutcome.ConsentRequired(validated, user.get());
    }

    /**
     * The user's answer on the consent page. The request is validated again: the form's hidden fields came back
     * through the browser.
     */
    public AuthorizationOutcome decide(AuthorizationRequest request, SignedInUser user, boolean approved) {
        ValidatedAuthorizationRequest validated;
        try {
            validated = validator.validate(request);
        } catch (InvalidAuthorizationRequestException e) {
            return refuse(e, request, Optional.of(user));
        }
        if (!approved) {
            return errorToClient(validated, OAuthError.ACCESS_DENIED.code(), "The user denied the request");
        }
        if (!validated.claims().allowsSubject(user.userId())) {
            return otherUserNamed(validated);
        }
        consents.grant(user.userId(), validated.client().clientId(), validated.consentScopes());
        return issue(validated, user);
    }

    /**
     * OpenID Connect Core §5.5.1: a {@code claims} request naming the ID token's {@code sub} gets no token for
     * another user.
     */
    private AuthorizationOutcome otherUserNamed(ValidatedAuthorizationRequest request) {
        return errorToClient(request, "login_required", "The signed-in user is not the one the request names");
    }

    /**
     * Whether resuming {@code returnTo} would send this user back to sign in: an authorization request that
     * demands a newer sign-in than the user's session (OpenID Connect Core §3.1.2.1). The login page then shows its
     * form although a session exists.
     */
    public boolean demandsNewLogin(String returnTo, SignedInUser user) {
        return AuthorizationRequest.fromResumePath(returnTo).map(request -> {
            try {
                return validator.validate(request).demandsLoginAfter(user.authTime(), Instant.now());
            } catch (InvalidAuthorizationRequestException e) {
                return false;
            }
        }).orElse(false);
    }

    /** The redirect URI of a request, when its client and redirect URI check out. */
    public Optional<String> trustedRedirectUri(AuthorizationRequest request) {
        return validator.trustedRedirectUri(request);
    }

    private AuthorizationOutcome issue(ValidatedAuthorizationRequest request, SignedInUser user) {
        String code = codes.issue(request, user);
        LOG.debugf("Issued an authorization code to client %s", request.client().clientId());
        if (request.isOutOfBand()) {
            return new AuthorizationOutcome.OutOfBandCode(code, request.client().displayName());
        }
        return new AuthorizationOutcome.Redirect(
                AuthorizationResponse.success(request.redirectUri(), code, request.state(), issuer));
    }

    private AuthorizationOutcome errorToClient(ValidatedAuthorizationRequest request, String error,
                                               String description) {
        if (request.isOutOfBand()) {
            return new AuthorizationOutcome.ErrorPage(400, error, description);
        }
        return new AuthorizationOutcome.Redirect(
                AuthorizationResponse.error(request.redirectUri(), error, description, request.state(), issuer));
    }

    /**
     * A malformed request. Its error goes back to the client automatically only when the signed-in user has
     * approved that client or an operator trusts it: anyone may register a client with any https redirect URI, and an instant redirect
     * from this origin to it would make Gatehouse an open redirector (RFC 9700 §4.11.2). Otherwise the user sees
     * the error here, with a link to the client they may choose to follow.
     */
    private AuthorizationOutcome refuse(InvalidAuthorizationRequestException e, AuthorizationRequest request,
                                        Optional<SignedInUser> user) {
        if (e.redirectUri() == null || RedirectUriMatcher.OUT_OF_BAND.equals(e.redirectUri())) {
            return new AuthorizationOutcome.ErrorPage(e.redirectUri() == null ? e.status() : 400, e.error(),
                    e.description());
        }
        String location = AuthorizationResponse.error(e.redirectUri(), e.error(), e.description(), e.state(), issuer);
        String clientId = request.get(AuthorizationRequest.CLIENT_ID);
        boolean vouchedFor = trustedClients.contains(clientId)
                || (user.isPresent() && consents.hasApproved(user.get().userId(), clientId));
        return vouchedFor ? new AuthorizationOutcome.Redirect(location)
                : new AuthorizationOutcome.ErrorPage(400, e.error(), e.description(), location);
    }
}
