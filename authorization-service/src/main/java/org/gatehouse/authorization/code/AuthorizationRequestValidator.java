package org.gatehouse.authorization.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.config.AuthorizationConfig;
import org.gatehouse.authorization.remote.RegisteredClient;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.common.permission.StandardClaims;
import org.gatehouse.common.ratelimit.FailedLookupBudget;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.gatehouse.authorization.code.AuthorizationRequest.CLAIMS;
import static org.gatehouse.authorization.code.AuthorizationRequest.CLIENT_ID;
import static org.gatehouse.authorization.code.AuthorizationRequest.CODE_CHALLENGE;
import static org.gatehouse.authorization.code.AuthorizationRequest.CODE_CHALLENGE_METHOD;
import static org.gatehouse.authorization.code.AuthorizationRequest.LOGIN_AFTER;
import static org.gatehouse.authorization.code.AuthorizationRequest.MAX_AGE;
import static org.gatehouse.authorization.code.AuthorizationRequest.NAMES;
import static org.gatehouse.authorization.code.AuthorizationRequest.NONCE;
import static org.gatehouse.authorization.code.AuthorizationRequest.PROMPT;
import static org.gatehouse.authorization.code.AuthorizationRequest.REDIRECT_URI;
import static org.gatehouse.authorization.code.AuthorizationRequest.REQUEST;
import static org.gatehouse.authorization.code.AuthorizationRequest.REQUEST_URI;
import static org.gatehouse.authorization.code.AuthorizationRequest.RESPONSE_MODE;
import static org.gatehouse.authorization.code.AuthorizationRequest.RESPONSE_TYPE;
import static org.gatehouse.authorization.code.AuthorizationRequest.SCOPE;
import static org.gatehouse.authorization.code.AuthorizationRequest.STATE;

/**
 * Checks an authorization request in the order RFC 6749 §4.1.2.1 demands: first what decides whether the client
 * may be redirected to at all ({@code client_id}, {@code redirect_uri}: errors on a page), then everything else
 * (errors redirected to the client with {@code state} and {@code iss}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 §4.1.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2">RFC 6749 §3.1.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.3">RFC 7636 §4.3</a>
 * @see <a href="https://openid.net/specs/oauth-v2-multiple-response-types-1_0.html#ResponseModes">Response modes</a>
 */
@ApplicationScoped
public class AuthorizationRequestValidator {

    public static final String S256 = "S256";
    private static final String QUERY = "query";

    /** A S256 challenge is the base64url (no padding) SHA-256 of the verifier: exactly 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<String> PROMPT_VALUES = Set.of("none", "login", "consent", "select_account");
    /** A non-negative integer that fits a long with room to add to it (epoch milliseconds have 13 digits). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    /** Replicas' clocks may differ this much. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final String OPENID = "openid";
    private static final String OFFLINE_ACCESS = "offline_access";
    private static final int MAX_STATE_LENGTH = 2048;
    private static final int MAX_NONCE_LENGTH = 512;
    private static final int MAX_CLAIMS_LENGTH = 4096;
    /** The one authentication context class ID tokens carry (token-service's IdTokenIssuer.ACR, OIDC Core §2). */
    private static final String ACR = "0";

    private final RegistrationGateway registration;
    private final FailedLookupBudget failedLookups;
    private final boolean pkceRequiredOfAll;
    /** Strict: text after the JSON object is malformed too. */
    private final ObjectReader json;

    public AuthorizationRequestValidator(RegistrationGateway registration, FailedLookupBudget failedLookups,
                                         AuthorizationConfig config, ObjectMapper mapper) {
        this.registration = registration;
        this.failedLookups = failedLookups;
        this.pkceRequiredOfAll = config.requirePkce();
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ValidatedAuthorizationRequest validate(AuthorizationRequest request) {
        RegisteredClient client = client(request);
        if (!client.mayUseAuthorizationCode()) {
            // Shown, never redirected: no consent or code may come of it (third-party apps use /api/v1/authorize).
            throw InvalidAuthorizationRequestException.page(OAuthError.UNAUTHORIZED_CLIENT.code(),
                    "This application is not registered for the authorization code flow");
        }
        boolean redirectUriInRequest = request.has(REDIRECT_URI);
        String redirectUri = redirectUri(request, client);
        String state = request.isRepeated(STATE) ? null : request.get(STATE);

        for (String name : NAMES) {
            if (request.isRepeated(name)) {
                throw redirect(OAuthError.INVALID_REQUEST, "The " + name + " parameter was sent more than once",
                        redirectUri, state);
            }
        }
        if (state != null && state.length() > MAX_STATE_LENGTH) {
            throw redirect(OAuthError.INVALID_REQUEST, "state is too long", redirectUri, null);
        }
        // OpenID Connect Core §6.1, §6.2: request objects are not supported (discovery says so). Refused rather than
        // ignored: the state, nonce or redirect_uri inside one would otherwise be silently lost.
        if (request.has(REQUEST)) {
            throw InvalidAuthorizationRequestException.redirect("request_not_supported",
                    "Request objects (the request parameter) are not supported", redirectUri, state);
        }
        if (request.has(REQUEST_URI)) {
            throw InvalidAuthorizationRequestException.redirect("request_uri_not_supported",
                    "The request_uri parameter is not supported", redirectUri, state);
        }
        // response_type (REQUIRED): only the authorization code flow is offered.
        String responseType = request.get(RESPONSE_TYPE);
        if (responseType == null) {
            throw redirect(OAuthError.INVALID_REQUEST, "response_type is required", redirectUri, state);
        }
        if (!"code".equals(responseType)) {
            throw redirect(OAuthError.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported",
                    redirectUri, state);
        }
        // response_mode (OPTIONAL, OpenID Connect Core §3.1.2.1): the code and any error come back in the query.
        // Another mode (fragment, form_post, jwt) is refused, never silently answered in the query instead.
        String responseMode = request.get(RESPONSE_MODE);
        if (responseMode != null && !QUERY.equals(responseMode)) {
            throw redirect(OAuthError.INVALID_REQUEST, "response_mode must be query, the only mode supported",
                    redirectUri, state);
        }
        Set<String> scopes = scopes(request, client, redirectUri, state);
        // code_challenge (REQUIRED for public clients and wherever an operator or the client asked), S256 only.
        String challenge = request.get(CODE_CHALLENGE);
        String method = request.get(CODE_CHALLENGE_METHOD);
        if (challenge == null) {
            if (method != null) {
                throw redirect(OAuthError.INVALID_REQUEST, "code_challenge_method was sent without code_challenge",
                        redirectUri, state);
            }
            if (client.isPublic()) {
                throw redirect(OAuthError.INVALID_REQUEST,
                        "Public clients must use PKCE: code_challenge with code_challenge_method=S256",
                        redirectUri, state);
            }
            if (client.requirePkce() || pkceRequiredOfAll) {
                throw redirect(OAuthError.INVALID_REQUEST,
                        "This client must use PKCE: code_challenge with code_challenge_method=S256",
                        redirectUri, state);
            }
        } else {
            // RFC 7636 §4.3: an absent method means "plain", which this server does not accept.
            if (!S256.equals(method)) {
                throw redirect(OAuthError.INVALID_REQUEST, "code_challenge_method must be S256", redirectUri, state);
            }
            if (!S256_CHALLENGE.matcher(challenge).matches()) {
                throw redirect(OAuthError.INVALID_REQUEST,
                        "code_challenge must be the 43-character base64url SHA-256 of the code_verifier",
                        redirectUri, state);
            }
        }
        // nonce (OpenID Connect Core §3.1.2.1): kept for the ID token.
        String nonce = request.get(NONCE);
        if (nonce != null && nonce.length() > MAX_NONCE_LENGTH) {
            throw redirect(OAuthError.INVALID_REQUEST, "nonce is too long", redirectUri, state);
        }
        // prompt (OpenID Connect Core §3.1.2.1): none, login, consent; select_account is served as login.
        Set<String> prompt = Permissions.parse(request.get(PROMPT));
        if (!PROMPT_VALUES.containsAll(prompt) || (prompt.contains("none") && prompt.size() > 1)) {
            throw redirect(OAuthError.INVALID_REQUEST,
                    "prompt has an unsupported value; supported: none, login, consent, select_account",
                    redirectUri, state);
        }
        // max_age (OpenID Connect Core §3.1.2.1): seconds since the user last signed in.
        Long maxAge = null;
        if (request.has(MAX_AGE)) {
            if (!DIGITS.matcher(request.get(MAX_AGE)).matches()) {
                throw redirect(OAuthError.INVALID_REQUEST, "max_age must be a non-negative number of seconds",
                        redirectUri, state);
            }
            maxAge = Long.parseLong(request.get(MAX_AGE));
        }
        Instant loginAfter = null;
        if (request.has(LOGIN_AFTER)) {
            // Set by this server when it sent the user to sign in; never in the future, or no sign-in could meet it.
            if (!DIGITS.matcher(request.get(LOGIN_AFTER)).matches()
                    || Long.parseLong(request.get(LOGIN_AFTER)) > Instant.now().plus(CLOCK_SKEW).toEpochMilli()) {
                throw redirect(OAuthError.INVALID_REQUEST, "login_after is not valid", redirectUri, state);
            }
            loginAfter = Instant.ofEpochMilli(Long.parseLong(request.get(LOGIN_AFTER)));
        }
        ClaimsRequest claims = claims(request, client, scopes, redirectUri, state);
        return new ValidatedAuthorizationRequest(request, client, redirectUri, redirectUriInRequest, scopes, state,
                nonce, challenge, challenge == null ? null : S256, prompt, maxAge, loginAfter, claims);
    }

    /**
     * The redirect URI a request would be answered at, when its client and redirect URI are valid. Used to name
     * that origin in the login page's CSP {@code form-action} before the request is fully checked.
     */
    public Optional<String> trustedRedirectUri(AuthorizationRequest request) {
        try {
            return Optional.of(redirectUri(request, client(request)));
        } catch (InvalidAuthorizationRequestException | OAuthException e) {
            return Optional.empty();
        }
    }

    private RegisteredClient client(AuthorizationRequest request) {
        String clientId = request.get(CLIENT_ID);
        if (clientId == null) {
            throw InvalidAuthorizationRequestException.page(OAuthError.INVALID_REQUEST.code(), "client_id is missing");
        }
        if (request.isRepeated(CLIENT_ID)) {
            throw InvalidAuthorizationRequestException.page(OAuthError.INVALID_REQUEST.code(),
                    "client_id was sent more than once");
        }
        try {
            return failedLookups.lookUp(() -> registration.findClient(clientId))
                    .orElseThrow(() -> InvalidAuthorizationRequestException.page(
                    OAuthError.INVALID_CLIENT.code(), "The application is not registered here"));
        } catch (OAuthException e) {
            if (e.error() == OAuthError.RATE_LIMITED) {
                // Answered as such, with its Retry-After, which an error page would drop.
                throw e;
            }
            throw InvalidAuthorizationRequestException.page(e.error().code(), e.description(), e.status());
        }
    }

    /**
     * RFC 6749 §3.1.2.3: an exact match of a registered URI (any port on loopback, RFC 8252 §7.3); omitted only
     * when the client registered exactly one.
     */
    private static String redirectUri(AuthorizationRequest request, RegisteredClient client) {
        if (request.isRepeated(REDIRECT_URI)) {
            throw InvalidAuthorizationRequestException.page(OAuthError.INVALID_REQUEST.code(),
                    "redirect_uri was sent more than once");
        }
        List<String> registered = client.redirectUris();
        String requested = request.get(REDIRECT_URI);
        if (requested == null) {
            if (registered.size() == 1) {
                return registered.get(0);
            }
            throw InvalidAuthorizationRequestException.page(OAuthError.INVALID_REQUEST.code(),
                    registered.isEmpty() ? "The application has no registered redirect URI"
                            : "redirect_uri is required: the application registered several");
        }
        return RedirectUriMatcher.match(registered, requested).orElseThrow(() ->
                InvalidAuthorizationRequestException.page(OAuthError.INVALID_REQUEST.code(),
                        "The redirect_uri is not registered for this application"));
    }

    /**
     * RFC 6749 §3.3: known scopes the client registered; none requested means the client's registered scopes.
     * {@code openid} is a protocol request, not an API permission: every client of this flow may ask for it. In an
     * OpenID request (scope contains {@code openid}) values this server does not know are ignored (OpenID Connect
     * Core §3.1.2.1); {@code offline_access} is always ignored: refresh tokens follow the client's
     * {@code refresh_token} grant.
     */
    private static Set<String> scopes(AuthorizationRequest request, RegisteredClient client, String redirectUri,
                                      String state) {
        Set<String> requested = Permissions.parse(request.get(SCOPE));
        if (requested.isEmpty()) {
            requested = Permissions.parse(Permissions.format(client.scopes()));
        }
        boolean openIdRequest = requested.contains(OPENID);
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            if (OFFLINE_ACCESS.equals(scope) || (openIdRequest && !Permissions.isKnown(scope))) {
                continue;
            }
            if (!OPENID.equals(scope)
                    && (!Permissions.isKnown(scope) || !Permissions.covers(client.scopes(), Set.of(scope)))) {
                throw redirect(OAuthError.INVALID_SCOPE, "The scope " + printable(scope)
                        + " is unknown or not registered for this application", redirectUri, state);
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            throw redirect(OAuthError.INVALID_SCOPE, "No usable scope was requested and the application has no default",
                    redirectUri, state);
        }
        return scopes;
    }

    /**
     * OpenID Connect Core §5.5 {@code claims}, read in an OpenID request only (elsewhere it is an unknown parameter,
     * RFC 6749 §3.1). A claim whose scope the client did not register is ignored, as scopes beyond its registration
     * would be refused.
     */
    private ClaimsRequest claims(AuthorizationRequest request, RegisteredClient client, Set<String> scopes,
                                 String redirectUri, String state) {
        String value = request.get(CLAIMS);
        if (value == null || !scopes.contains(OPENID)) {
            return ClaimsRequest.NONE;
        }
        if (value.length() > MAX_CLAIMS_LENGTH) {
            throw redirect(OAuthError.INVALID_REQUEST, "claims is too long", redirectUri, state);
        }
        ClaimsRequest claims;
        try {
            claims = ClaimsRequest.of(json.readTree(value), claim -> StandardClaims.scopeOf(claim)
                    .map(scope -> Permissions.covers(client.scopes(), Set.of(scope))).orElse(false));
        } catch (JsonProcessingException e) {
            throw redirect(OAuthError.INVALID_REQUEST, "claims must be a JSON object", redirectUri, state);
        } catch (IllegalArgumentException e) {
            throw redirect(OAuthError.INVALID_REQUEST, e.getMessage(), redirectUri, state);
        }
        // §5.5.1.1: an essential acr that cannot be met is a failed authentication.
        if (!claims.acceptsAcr(ACR)) {
            throw redirect(OAuthError.ACCESS_DENIED, "The requested authentication context class (acr) cannot be met",
                    redirectUri, state);
        }
        return claims;
    }

    /** Echoes a client-sent value into a description only when it is a plain scope token. */
    private static String printable(String scope) {
        return scope.matches("[A-Za-z0-9:_.-]{1,64}") ? "'" + scope + "'" : "requested";
    }

    private static InvalidAuthorizationRequestException redirect(OAuthError error, String description,
                                                                 String redirectUri, String state) {
        return InvalidAuthorizationRequestException.redirect(error.code(), description, redirectUri, state);
    }
}
