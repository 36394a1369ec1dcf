package org.gatehouse.authorization.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.code.AuthorizationFlow;
import org.gatehouse.authorization.code.AuthorizationRequest;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.common.error.OAuthError;

import java.util.Optional;

/**
 * {@code POST /consent}: the user's Approve or Deny on the consent page (rendered by {@link AuthorizationPages} at
 * the authorization endpoint). The form carries the authorization request back, which is validated again.
 */
@Path("/consent")
@Produces(MediaType.TEXT_HTML)
public class ConsentPage {

    private final AuthorizationFlow flow;
    private final AuthorizationPages pages;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public ConsentPage(AuthorizationFlow flow, AuthorizationPages pages, LoginSessions sessions,
                       SessionCookies cookies) {
        this.flow = flow;
        this.pages = pages;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        AuthorizationRequest request = AuthorizationRequest.of(form);
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            // The session ended while the page was open: sign in again, then see the request afresh.
            return Pages.redirect(Pages.loginPath(request.resumePath()), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), form.getFirst("csrf_token"))) {
            return Pages.csrfRefused();
        }
        String decision = form.getFirst("decision");
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            return Pages.error(400, OAuthError.INVALID_REQUEST.code(), "Choose Approve or Deny.");
        }
        return pages.render(flow.decide(request, user.get(), "approve".equals(decision)), true);
    }
}
