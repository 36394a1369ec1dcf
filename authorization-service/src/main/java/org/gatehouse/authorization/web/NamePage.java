package org.gatehouse.authorization.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.remote.Account;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.Optional;

/**
 * {@code /account/name}: the user's display, given and family names, which apps read as the OIDC claims
 * {@code name}, {@code given_name} and {@code family_name}. registration-service keeps and validates them; a refused
 * name is shown again with the reason, nothing stored.
 */
@Path("/account/name")
@Produces(MediaType.TEXT_HTML)
public class NamePage {

    private static final String PATH = "/account/name";

    private final RegistrationGateway registration;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public NamePage(RegistrationGateway registration, LoginSessions sessions, SessionCookies cookies) {
        this.registration = registration;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    public Response form(@Context HttpHeaders headers) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath(PATH), false);
        }
        Optional<Account> account = registration.account(user.get().userId());
        if (account.isEmpty()) {
            return Pages.redirect(Pages.loginPath(PATH), false);
        }
        return Pages.html(200, Templates.name(user.get().csrfToken(), account.get().displayName(),
                account.get().givenName(), account.get().familyName(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("csrf_token") String csrfToken, @FormParam("display_name") String displayName,
                         @FormParam("given_name") String givenName, @FormParam("family_name") String familyName,
                         @Context HttpHeaders headers) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath(PATH), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        try {
            registration.rename(user.get().userId(), displayName, givenName, familyName);
            return Pages.redirect("/account?notice=" + AccountPage.NAME_SAVED, true);
        } catch (OAuthException e) {
            if (e.error() != OAuthError.INVALID_REQUEST) {
                throw e;
            }
            return Pages.html(400, Templates.name(user.get().csrfToken(), displayName, givenName, familyName,
                    e.description()));
        }
    }
}
