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
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.authorization.consent.PermissionDescriptions;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.profile.ExposureProfiles;
import org.gatehouse.authorization.profile.Profile;
import org.gatehouse.authorization.thirdparty.ThirdPartyConsent;
import org.gatehouse.authorization.thirdparty.ThirdPartyRequest;
import org.gatehouse.authorization.thirdparty.ThirdPartyRequestValidator;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/authorize}: a user lets a third-party app act for them through one of their exposure profiles
 * (ARCHITECTURE.md flow 5). GET shows the page (after login); the page's one form POSTs back here with
 * {@code decision} = {@code choose} (show the page again with the picked profile), {@code customize} (create a
 * profile with exactly the app's permissions and pick it), {@code approve} or {@code deny}. Approve is rendered
 * {@code disabled} while the selected profile does not cover the request, and a same-origin script
 * ({@code /login/assets/third-party-consent.js}, allowed by the default CSP's {@code 'self'}) keeps it following
 * the selection in the browser; without script, Choose is the round trip that does it. The server refuses an
 * approval through a profile that does not cover the request all the same.
 */
@Path(ThirdPartyRequest.PATH)
@Produces(MediaType.TEXT_HTML)
public class ThirdPartyConsentPage {

    private final ThirdPartyRequestValidator validator;
    private final ThirdPartyConsent consent;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public ThirdPartyConsentPage(ThirdPartyRequestValidator validator, ThirdPartyConsent consent,
                                 LoginSessions sessions, SessionCookies cookies) {
        this.validator = validator;
        this.consent = consent;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    public Response show(@Context UriInfo uri, @Context HttpHeaders headers) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ThirdPartyRequest request;
        try {
            request = validator.validate(query);
        } catch (OAuthException e) {
            return errorPage(e);
        }
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath(request.path(null)), false);
        }
        return page(200, consent.view(request, user.get().userId(), query.getFirst(ThirdPartyRequest.PROFILE_ID),
                null), user.get());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        ThirdPartyRequest request;
        try {
            request = validator.validate(form);
        } catch (OAuthException e) {
            return errorPage(e);
        }
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            // The session ended while the page was open: sign in again, then see the request afresh.
            return Pages.redirect(Pages.loginPath(request.path(null)), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), form.getFirst("csrf_token"))) {
            return Pages.csrfRefused();
        }
        String userId = user.get().userId();
        String profileId = form.getFirst(ThirdPartyRequest.PROFILE_ID);
        String decision = form.getFirst("decision");
        if ("choose".equals(decision)) {
            // Post/redirect/get: the page for the picked profile can be reloaded without resubmitting.
            return Pages.redirect(request.path(
                    ExposureProfiles.parseId(profileId).orElse(null)), true);
        }
        if ("customize".equals(decision)) {
            try {
                Profile created = consent.customize(request, userId);
                return Pages.redirect(request.path(created.id()), true);
            } catch (OAuthException e) {
                return page(e.status(), consent.view(request, userId, profileId, e.description()), user.get());
            }
        }
        if ("approve".equals(decision)) {
            ThirdPartyConsent.Decision outcome = consent.approve(request, userId, profileId);
            if (outcome instanceof ThirdPartyConsent.Approved approved) {
                return Pages.redirect(approved.location(), true);
            }
            // No redirect: the user sees why and picks a profile that covers the request.
            return page(400, ((ThirdPartyConsent.Refused) outcome).view(), user.get());
        }
        if ("deny".equals(decision)) {
            return Pages.redirect(consent.deny(request), true);
        }
        return Pages.error(400, OAuthError.INVALID_REQUEST.code(), "Choose Approve or Deny.");
    }

    private static Response page(int status, ThirdPartyConsent.View view, SignedInUser user) {
        ThirdPartyRequest request = view.request();
        List<Templates.HiddenField> fields = request.parameters().entrySet().stream()
                .map(e -> new Templates.HiddenField(e.getKey(), e.getValue()))
                .toList();
        List<Templates.ProfileChoice> choices = view.options().stream()
                .map(o -> new Templates.ProfileChoice(o.profile().id().toString(), o.profile().name(), o.selected(),
                        o.covers(), String.join(", ", o.lackingDescriptions())))
                .toList();
        var html = Templates.thirdPartyConsent(request.client().displayName(), website(request),
                PermissionDescriptions.describe(request.requested()), user.username(), user.csrfToken(), fields,
                choices, view.approvable(), view.noneCovers(), view.error(), host(request.redirectUri()));
        // Approve and Deny end in a redirect to the app, which the form's CSP form-action must allow.
        return Pages.html(status, html, ContentSecurityPolicy.allowingRedirectTo(request.redirectUri()));
    }

    private static Response errorPage(OAuthException e) {
        Response page = Pages.error(e.status(), e.error().code(), e.description());
        Map<String, String> extra = e.headers();
        if (extra.isEmpty()) {
            return page;
        }
        Response.ResponseBuilder builder = Response.fromResponse(page);
        extra.forEach(builder::header);
        return builder.build();
    }

    private static String website(ThirdPartyRequest request) {
        String website = request.client().website();
        return website != null && (website.startsWith("https://") || website.startsWith("http://")) ? website : null;
    }

    private static String host(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            return uri.getHost() != null ? uri.getHost() : uri.getScheme() + ":";
        } catch (IllegalArgumentException e) {
            return "the application";
        }
    }
}
