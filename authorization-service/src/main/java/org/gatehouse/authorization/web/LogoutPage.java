package org.gatehouse.authorization.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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

import java.util.Optional;

/** {@code POST /logout}: ends the session (CSRF-protected, so no other site can sign the user out). */
@Path("/logout")
@Produces(MediaType.TEXT_HTML)
public class LogoutPage {

    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public LogoutPage(LoginSessions sessions, SessionCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("csrf_token") String csrfToken, @Context HttpHeaders headers) {
        Optional<String> sessionId = cookies.sessionId(headers);
        Optional<SignedInUser> user = sessionId.flatMap(sessions::find);
        if (user.isEmpty()) {
            return Response.status(303).header("Location", "/login").cookie(cookies.clearSession()).build();
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        sessions.end(sessionId.get());
        return Response.status(303).header("Location", "/login").cookie(cookies.clearSession()).build();
    }
}
