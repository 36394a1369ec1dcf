package org.gatehouse.authorization.web;

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
import org.gatehouse.authorization.consent.AuthorizedApps;
import org.gatehouse.authorization.consent.PermissionDescriptions;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.profile.ExposureProfiles;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /account}: the apps the user authorized, each with a Revoke button, the apps whose revocation token-service
 * has not confirmed yet ("revocation pending"), the user's exposure profiles, and a link to edit their name and other
 * profile claims.
 */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
public class AccountPage {

    static final String REVOKED = "revoked";
    static final String REVOCATION_PENDING = "revocation-pending";
    static final String PROFILE_CREATED = "profile-created";
    static final String PROFILE_SAVED = "profile-saved";
    static final String PROFILE_DELETED = "profile-deleted";
    static final String PROFILE_IN_USE = "profile-in-use";
    static final String NAME_SAVED = "name-saved";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** Only fixed messages: a query parameter never puts its own text on the page. */
    private static final Map<String, String> NOTICES = Map.of(
            REVOKED, "Access revoked. The app can no longer use your account.",
            REVOCATION_PENDING,
            "Access revoked. The app cannot get new tokens. Ending the tokens it already holds is pending: Gatehouse"
                    + " keeps trying until that is confirmed.",
            PROFILE_CREATED, "Profile created.",
            PROFILE_SAVED, "Profile saved. Apps using it get the new permissions within seconds.",
            PROFILE_DELETED, "Profile deleted.",
            NAME_SAVED, "Name and profile saved. Apps reading your profile see them within seconds.",
            PROFILE_IN_USE, "That profile is used by an app you authorized. Revoke the app, or authorize it with"
                    + " another profile, before deleting the profile.");

    private final AuthorizedApps apps;
    private final ExposureProfiles profiles;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public AccountPage(AuthorizedApps apps, ExposureProfiles profiles, LoginSessions sessions,
                       SessionCookies cookies) {
        this.apps = apps;
        this.profiles = profiles;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    public Response show(@QueryParam("notice") String notice, @Context HttpHeaders headers) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account"), false);
        }
        List<Templates.AuthorizedApp> rows = apps.listFor(user.get().userId()).stream()
                .map(app -> new Templates.AuthorizedApp(app.clientId(), app.name(),
                        PermissionDescriptions.describe(app.effective()), DATE.format(app.grantedAt()),
                        app.profileName()))
                .toList();
        List<Templates.PendingRevocation> pending = apps.pendingRevocationsOf(user.get().userId()).stream()
                .map(app -> new Templates.PendingRevocation(app.clientId(), app.name(), DATE.format(app.requestedAt())))
                .toList();
        List<Templates.ProfileRow> profileRows = profiles.list(user.get().userId()).stream()
                .map(p -> new Templates.ProfileRow(p.id().toString(), p.name(),
                        PermissionDescriptions.describe(p.permissions())))
                .toList();
        String text = notice == null ? null : NOTICES.get(notice);
        return Pages.html(200, Templates.account(user.get().username(), user.get().csrfToken(), rows, pending, profileRows,
                text, PROFILE_IN_USE.equals(notice)));
    }

    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("csrf_token") String csrfToken, @FormParam("client_id") String clientId,
                           @Context HttpHeaders headers) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account"), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        if (clientId == null || clientId.isBlank()) {
            return Pages.redirect("/account", true);
        }
        AuthorizedApps.Revocation revocation = apps.revoke(user.get().userId(), clientId);
        boolean pending = revocation.found() && !revocation.tokensRevoked();
        return Pages.redirect("/account?notice=" + (pending ? REVOCATION_PENDING : REVOKED), true);
    }
}
