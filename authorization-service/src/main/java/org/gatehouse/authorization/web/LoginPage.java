package org.gatehouse.authorization.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.code.AuthorizationFlow;
import org.gatehouse.authorization.code.AuthorizationRequest;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.Login;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.ReturnTo;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.ClientIp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /login}: the password form. Before a session exists its CSRF token is bound to a short-lived cookie
 * (double submit); a successful login starts a fresh session and returns to a local path only.
 */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    static final String GENERIC_FAILURE = "The username or password is incorrect.";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Login login;
    private final LoginSessions sessions;
    private final SessionCookies cookies;
    private final AuthorizationFlow flow;

    public LoginPage(Login login, LoginSessions sessions, SessionCookies cookies, AuthorizationFlow flow) {
        this.login = login;
        this.sessions = sessions;
        this.cookies = cookies;
        this.flow = flow;
    }

    @GET
    public Response show(@QueryParam("return_to") String returnTo, @Context HttpHeaders headers) {
        String target = ReturnTo.orDefault(returnTo);
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        // An authorization request asking for a newer sign-in (prompt=login, max_age) gets the form.
        if (user.isPresent() && !flow.demandsNewLogin(target, user.get())) {
            return Pages.redirect(target, false);
        }
        return form(200, target, null, null, headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("csrf_token") String csrfToken, @FormParam("return_to") String returnTo,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        Optional<String> expected = cookies.loginCsrf(headers);
        if (expected.isEmpty() || !OpaqueTokens.matches(expected.get(), csrfToken)) {
            return Pages.csrfRefused();
        }
        String target = ReturnTo.orDefault(returnTo);
        Login.Result result;
        try {
            result = login.attempt(username, password, clientIp(http));
        } catch (OAuthException e) {
            return form(e.status(), target, username, "Sign-in is temporarily unavailable. Please try again shortly.",
                    headers);
        }
        if (result instanceof Login.SignedIn signedIn) {
            return Response.status(303).header("Location", target)
                    .cookie(cookies.session(signedIn.session().id(), sessions.cookieLifetime()),
                            cookies.clearLoginCsrf())
                    .build();
        }
        if (result instanceof Login.Throttled throttled) {
            Response page = form(429, target, username, throttledMessage(throttled), headers);
            Response.ResponseBuilder refused = Response.fromResponse(page);
            throttled.headers().forEach(refused::header);
            return refused.build();
        }
        return form(200, target, username, GENERIC_FAILURE, headers);
    }

    /**
     * A refusal with a short wait is a burst of attempts at once (or a check that could not be done in time), for the
     * user to simply retry; a long one is the account's or address's failures used up.
     */
    private static String throttledMessage(Login.Throttled throttled) {
        String retryAfter = throttled.headers().getOrDefault("Retry-After", "");
        if (retryAfter.matches("\\d{1,2}")) {
            return "Too many sign-in attempts at once. Please try again in a moment.";
        }
        return "Too many sign-in attempts. Please wait a few minutes and try again.";
    }

    private Response form(int status, String returnTo, String username, String error, HttpHeaders headers) {
        String csrf = cookies.loginCsrf(headers).filter(t -> TOKEN.matcher(t).matches())
                .orElseGet(OpaqueTokens::generate);
        String shownUsername = username == null || username.length() > 255 ? null : username;
        return Response.fromResponse(Pages.html(status, Templates.login(csrf, returnTo, shownUsername, error),
                        contentSecurityPolicy(returnTo)))
                .cookie(cookies.loginCsrf(csrf))
                .build();
    }

    /**
     * When login resumes an authorization request whose consent is remembered, the submission ends in a redirect
     * to the client, which the login form's CSP must then allow.
     */
    private String contentSecurityPolicy(String returnTo) {
        return AuthorizationRequest.fromResumePath(returnTo)
                .flatMap(flow::trustedRedirectUri)
                .map(ContentSecurityPolicy::allowingRedirectTo)
                .orElse(ContentSecurityPolicy.DEFAULT);
    }

    private static String clientIp(HttpServerRequest http) {
        return ClientIp.of(http);
    }
}
