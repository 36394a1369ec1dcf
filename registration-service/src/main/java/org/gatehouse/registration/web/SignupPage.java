package org.gatehouse.registration.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.PerIpRateLimit;
import org.gatehouse.registration.account.AccountRegistrar;
import org.gatehouse.registration.account.NewAccount;
import org.gatehouse.registration.account.RegisteredAccount;
import org.gatehouse.registration.config.RateLimitRoutes;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Optional;

/**
 * {@code /signup}: the sign-up form (username, email, display name, password). It creates the same account as
 * {@code POST /register}; logging in happens on authorization-service's {@code /login}. On success the browser goes
 * to {@code return_to} when it is a local path (for instance the authorization request that sent the user here),
 * otherwise it sees a page linking to {@code /account}. The form is protected by {@link FormCsrf}.
 */
@Path("/signup")
@Produces(MediaType.TEXT_HTML)
public class SignupPage {

    private static final int MAX_ECHO = 255;

    private final AccountRegistrar registrar;
    private final FormCsrf csrf;

    public SignupPage(AccountRegistrar registrar, FormCsrf csrf) {
        this.registrar = registrar;
        this.csrf = csrf;
    }

    @GET
    public Response show(@QueryParam("return_to") String returnTo, @Context HttpHeaders headers) {
        return form(200, headers, ReturnTo.validate(returnTo).orElse(null), null, null, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PerIpRateLimit(RateLimitRoutes.SIGNUP_PER_IP)
    public Response submit(@RestForm("username") String username, @RestForm("email") String email,
                           @RestForm("display_name") String displayName, @RestForm("password") String password,
                           @RestForm(FormCsrf.FIELD) String csrfToken, @RestForm("return_to") String returnTo,
                           @Context HttpHeaders headers) {
        if (!csrf.verify(headers, csrfToken)) {
            return Pages.csrfRefused();
        }
        Optional<String> target = ReturnTo.validate(returnTo);
        RegisteredAccount account;
        try {
            account = registrar.register(new NewAccount(username, email, displayName, password),
                    "username", "password");
        } catch (OAuthException e) {
            return form(e.status(), headers, target.orElse(null), username, email, displayName,
                    Pages.sentence(e.description()));
        }
        if (target.isPresent()) {
            return Pages.seeOther(target.get());
        }
        return Pages.html(201, Templates.signupDone(account.username()));
    }

    private Response form(int status, HttpHeaders headers, String returnTo, String username, String email,
                          String displayName, String error) {
        String token = csrf.token(headers);
        String loginLink = returnTo == null ? "/login" : Pages.loginPath(returnTo);
        return Pages.form(status, Templates.signup(token, returnTo, loginLink, echo(username), echo(email),
                echo(displayName), error), csrf.cookie(token));
    }

    /** What the user typed, shown again so a mistake costs one field; never the password, never unbounded. */
    private static String echo(String value) {
        return value == null || value.length() > MAX_ECHO ? null : value;
    }
}
