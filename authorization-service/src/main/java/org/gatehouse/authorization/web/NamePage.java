package org.gatehouse.authorization.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.remote.Account;
import org.gatehouse.authorization.remote.ProfileClaims;
import org.gatehouse.authorization.remote.RegistrationGateway;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.util.Optional;

/**
 * {@code /account/name}: the user's names and the other OIDC Core §5.1 profile claims apps read with the
 * {@code profile} scope ({@code name}, {@code given_name}, {@code family_name}, {@code middle_name}, {@code nickname},
 * {@code profile}, {@code picture}, {@code website}, {@code gender}, {@code birthdate}, {@code zoneinfo},
 * {@code locale}). registration-service keeps and validates them; a refused value is shown again with the reason,
 * nothing stored.
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
        return Pages.html(200, Templates.name(user.get().csrfToken(), account.get().profileClaims(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath(PATH), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), form.getFirst("csrf_token"))) {
            return Pages.csrfRefused();
        }
        ProfileClaims typed = claims(form);
        try {
            registration.changeProfile(user.get().userId(), typed);
            return Pages.redirect("/account?notice=" + AccountPage.NAME_SAVED, true);
        } catch (OAuthException e) {
            if (e.error() != OAuthError.INVALID_REQUEST) {
                throw e;
            }
            return Pages.html(400, Templates.name(user.get().csrfToken(), typed, e.description()));
        }
    }

    /** The form's fields, each named like its claim. */
    private static ProfileClaims claims(MultivaluedMap<String, String> form) {
        return new ProfileClaims(form.getFirst("display_name"), form.getFirst("given_name"),
                form.getFirst("family_name"), form.getFirst("middle_name"), form.getFirst("nickname"),
                form.getFirst("profile"), form.getFirst("picture"), form.getFirst("website"), form.getFirst("gender"),
                form.getFirst("birthdate"), form.getFirst("zoneinfo"), form.getFirst("locale"));
    }
}
