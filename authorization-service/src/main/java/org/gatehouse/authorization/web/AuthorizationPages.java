package org.gatehouse.authorization.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.code.AuthorizationOutcome;
import org.gatehouse.authorization.code.ValidatedAuthorizationRequest;
import org.gatehouse.authorization.consent.PermissionDescriptions;

import java.net.URI;
import java.util.List;

/** Renders each {@link AuthorizationOutcome} of the authorization code flow as a page or a redirect. */
@ApplicationScoped
public class AuthorizationPages {

    public Response render(AuthorizationOutcome outcome, boolean afterPost) {
        // Java 17: no pattern matching in switch yet.
        if (outcome instanceof AuthorizationOutcome.ErrorPage page) {
            return Pages.error(page.status(), page.error(), page.description(), page.continueTo());
        }
        if (outcome instanceof AuthorizationOutcome.Redirect redirect) {
            return Pages.redirect(redirect.location(), afterPost);
        }
        if (outcome instanceof AuthorizationOutcome.LoginRequired login) {
            return Pages.redirect(Pages.loginPath(login.returnTo()), afterPost);
        }
        if (outcome instanceof AuthorizationOutcome.OutOfBandCode oob) {
            return Pages.html(200, Templates.oob(oob.clientName(), oob.code()));
        }
        return consentPage((AuthorizationOutcome.ConsentRequired) outcome);
    }

    private static Response consentPage(AuthorizationOutcome.ConsentRequired consent) {
        ValidatedAuthorizationRequest request = consent.request();
        List<Templates.HiddenField> fields = request.original().singleValues().entrySet().stream()
                .map(e -> new Templates.HiddenField(e.getKey(), e.getValue()))
                .toList();
        String website = request.client().website();
        if (website == null || !(website.startsWith("https://") || website.startsWith("http://"))) {
            website = null;
        }
        var page = Templates.consent(request.client().displayName(), website,
                PermissionDescriptions.describe(request.consentScopes()), consent.user().username(),
                consent.user().csrfToken(), fields, describeTarget(request));
        return Pages.html(200, page, ContentSecurityPolicy.allowingRedirectTo(request.redirectUri()));
    }

    private static String describeTarget(ValidatedAuthorizationRequest request) {
        if (request.isOutOfBand()) {
            return "a page showing a code to copy into the app";
        }
        try {
            URI uri = URI.create(request.redirectUri());
            return uri.getHost() != null ? uri.getHost() : uri.getScheme() + ":";
        } catch (IllegalArgumentException e) {
            return "the application";
        }
    }
}
